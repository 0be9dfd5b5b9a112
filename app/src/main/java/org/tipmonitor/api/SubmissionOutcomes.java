package org.tipmonitor.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.tipmonitor.avro.ReporterType;

/**
 * What became of each submission, as the topology's outputs tell it: a response is accepted when a cell carrying
 * the submission's id appears on tip.cells, rejected when a rejection naming it (or the whole submission) appears on
 * tip.submissions.rejected. The gateway writes the number of responses into a record header
 * ({@value #RESPONSES_HEADER}) that the topology carries to both outputs, so an outcome knows when it is complete;
 * until then, or for a submission this index has not seen, the answer is PENDING. Bounded: the oldest submissions
 * are forgotten first ({@link #DEFAULT_CAPACITY}). Thread-safe.
 */
public final class SubmissionOutcomes {

    /** Header the gateway sets on each submission: how many responses it holds. */
    public static final String RESPONSES_HEADER = "tip.gateway.responses";
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Map<String, Outcome> byId;

    /** One rejected response (recommendationId null: the submission as a whole). */
    public record Rejected(String recommendationId, String reason, String message) {
    }

    private static final class Outcome {
        private final ReporterType reporterType;
        private final String country;
        private int expected = -1;
        private final Set<String> accepted = new LinkedHashSet<>();
        private final List<Rejected> rejected = new ArrayList<>();

        Outcome(final ReporterType reporterType, final String country) {
            this.reporterType = reporterType;
            this.country = country;
        }
    }

    public SubmissionOutcomes() {
        this(DEFAULT_CAPACITY);
    }

    public SubmissionOutcomes(final int capacity) {
        this.byId = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, Outcome> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A cell of the submission was applied. */
    public synchronized void accepted(final String submissionId, final ReporterType type, final String country,
                                      final String recommendationId, final Headers headers) {
        final Outcome outcome = outcome(submissionId, type, country, headers);
        if (outcome != null) {
            outcome.accepted.add(recommendationId);
        }
    }

    /** A response of the submission (recommendationId null: all of it) was rejected. */
    public synchronized void rejected(final String submissionId, final ReporterType type, final String country,
                                      final Rejected rejected, final Headers headers) {
        final Outcome outcome = outcome(submissionId, type, country, headers);
        if (outcome != null && !outcome.rejected.contains(rejected)) {
            outcome.rejected.add(rejected);
        }
    }

    private Outcome outcome(final String submissionId, final ReporterType type, final String country,
                            final Headers headers) {
        if (submissionId == null || type == null) {
            return null;
        }
        final Outcome outcome = byId.computeIfAbsent(submissionId, id -> new Outcome(type, country));
        if (outcome.reporterType != type || !java.util.Objects.equals(outcome.country, country)) {
            return null; // Another reporter's record with the same id (a conflict): not this submission's outcome.
        }
        expected(headers).ifPresent(n -> outcome.expected = n);
        return outcome;
    }

    private static Optional<Integer> expected(final Headers headers) {
        final Header header = headers == null ? null : headers.lastHeader(RESPONSES_HEADER);
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8)));
        } catch (final NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The outcome as the reporter may see it: only its own submissions; anything else reads as PENDING (an unknown
     * id and another reporter's id are answered alike, so an id tells nothing about other reporters).
     */
    public synchronized ObjectNode describe(final String submissionId, final GatewayTokens.Grant grant) {
        final ObjectNode body = ApiJson.object().put("submissionId", submissionId);
        final Outcome outcome = byId.get(submissionId);
        final boolean own = outcome != null && outcome.reporterType == grant.reporterType()
            && outcome.country.equals(grant.country());
        final ArrayNode accepted = ApiJson.object().arrayNode();
        final ArrayNode rejected = ApiJson.object().arrayNode();
        String status = "PENDING";
        if (own) {
            outcome.accepted.forEach(accepted::add);
            for (final Rejected r : outcome.rejected) {
                final ObjectNode entry = rejected.addObject();
                entry.put("recommendationId", r.recommendationId());
                entry.put("reason", r.reason());
                entry.put("message", r.message());
            }
            final boolean whole = outcome.rejected.stream().anyMatch(r -> r.recommendationId() == null);
            final int known = outcome.accepted.size() + outcome.rejected.size();
            if (whole || outcome.expected >= 0 && known >= outcome.expected) {
                status = outcome.rejected.isEmpty() ? "ACCEPTED"
                    : outcome.accepted.isEmpty() ? "REJECTED" : "PARTLY_ACCEPTED";
            }
            if (outcome.expected >= 0) {
                body.put("responses", outcome.expected);
            }
        }
        body.put("status", status);
        body.set("accepted", accepted);
        body.set("rejected", rejected);
        return body;
    }
}
