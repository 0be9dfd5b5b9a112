package org.tipmonitor.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.tipmonitor.topology.channels.Topic;
import org.tipmonitor.topology.channels.Topics;

/**
 * Who may do what on a secured cluster (with {@code allow.everyone.if.no.acl.found=false}: no grant, no access):
 * <ul>
 *   <li>the application: everything on topics, groups and transactional ids prefixed with its application id
 *   (its internal topics, its group, its transactions); read on its inputs; read and write on its outputs (it
 *   reads tip.alerts, tip.cells and the dead letters back for its API); write on tip.submissions for its
 *   embedded gateway;</li>
 *   <li>the gateway/loader: write on tip.submissions and on the reference topics, and read on the reference topics
 *   (the loader reads what is there to send only what changed), nothing else;</li>
 *   <li>the reader: read on the output topics, with groups prefixed {@code reader-};</li>
 *   <li>each State user: write on tip.submissions (the topology checks the State named in the record against the
 *   one its producer declares; see docs/security.md for that check's limits).</li>
 * </ul>
 */
public final class KafkaAcls {

    static final List<String> INPUTS = List.of(Topics.SUBMISSIONS.name(), Topics.RECOMMENDATIONS.name(),
        Topics.COUNTRIES.name());
    static final List<String> REFERENCE = List.of(Topics.RECOMMENDATIONS.name(), Topics.COUNTRIES.name());
    public static final String READER_GROUP_PREFIX = "reader-";
    static final String SCHEMAS_TOPIC = org.tipmonitor.serde.KafkaTopicSchemaRegistry.DEFAULT_TOPIC;

    private KafkaAcls() {
    }

    /** The output topics: every topic of the application that is not an input. */
    static List<String> outputs() {
        return Topics.ALL.stream().map(Topic::name).filter(name -> !INPUTS.contains(name)).toList();
    }

    public static List<AclBinding> bindings(final String applicationId, final KafkaPrincipals principals) {
        final List<AclBinding> acls = new ArrayList<>();
        final String app = principals.users().contains(KafkaPrincipals.APP) ? KafkaPrincipals.APP : null;
        if (app != null) {
            for (final ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP,
                ResourceType.TRANSACTIONAL_ID)) {
                acls.add(allow(app, type, applicationId, PatternType.PREFIXED, AclOperation.ALL));
            }
            INPUTS.forEach(topic -> acls.addAll(topic(app, topic, AclOperation.READ, AclOperation.DESCRIBE)));
            outputs().forEach(topic -> acls.addAll(topic(app, topic, AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)));
            acls.addAll(topic(app, Topics.SUBMISSIONS.name(), AclOperation.WRITE));
        }
        acls.addAll(topic(KafkaPrincipals.GATEWAY, Topics.SUBMISSIONS.name(), AclOperation.WRITE, AclOperation.DESCRIBE));
        // Read too: ReferencePublisher reads the topic's current content to send only changes and tombstones; without
        // it a second load (a demo restart on its --state-dir) is refused. The reference data is public anyway.
        REFERENCE.forEach(topic -> acls.addAll(topic(KafkaPrincipals.GATEWAY, topic, AclOperation.WRITE,
            AclOperation.READ, AclOperation.DESCRIBE)));
        outputs().forEach(topic -> acls.addAll(topic(KafkaPrincipals.READER, topic, AclOperation.READ,
            AclOperation.DESCRIBE)));
        acls.add(allow(KafkaPrincipals.READER, ResourceType.GROUP, READER_GROUP_PREFIX, PatternType.PREFIXED,
            AclOperation.READ));
        // The demo's schema registry lives in a topic: whoever registers or reads schemas needs it.
        for (final String user : List.of(KafkaPrincipals.GATEWAY, KafkaPrincipals.READER)) {
            acls.addAll(topic(user, SCHEMAS_TOPIC, AclOperation.READ, AclOperation.DESCRIBE));
        }
        acls.addAll(topic(KafkaPrincipals.GATEWAY, SCHEMAS_TOPIC, AclOperation.WRITE));
        if (app != null) {
            acls.addAll(topic(app, SCHEMAS_TOPIC, AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE));
        }
        for (final String iso3 : principals.states()) {
            acls.addAll(topic(KafkaPrincipals.stateUser(iso3), Topics.SUBMISSIONS.name(), AclOperation.WRITE,
                AclOperation.DESCRIBE));
        }
        return acls;
    }

    /** Creates the bindings and waits until the authorizer has them. */
    public static void apply(final Admin admin, final String applicationId, final KafkaPrincipals principals) {
        try {
            admin.createAcls(bindings(applicationId, principals)).all().get(30, TimeUnit.SECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the ACLs: " + e.getMessage(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the ACLs", e);
        }
    }

    private static List<AclBinding> topic(final String user, final String topic, final AclOperation... operations) {
        final List<AclBinding> acls = new ArrayList<>();
        for (final AclOperation operation : Set.of(operations)) {
            acls.add(allow(user, ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
        }
        return acls;
    }

    private static AclBinding allow(final String user, final ResourceType type, final String name,
                                    final PatternType pattern, final AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
            new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
