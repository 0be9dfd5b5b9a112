package org.tipmonitor.alerts;

import java.util.List;
import java.util.Objects;
import org.tipmonitor.avro.AlertCategory;
import org.tipmonitor.avro.AlertKind;
import org.tipmonitor.avro.AlertSeverity;
import org.tipmonitor.avro.ReporterType;

/**
 * What a rule finds to be the case: the content of an alert that should be open now. The lifecycle turns it into
 * an open alert, a change of an open one, or nothing if the open alert already says the same.
 *
 * @param region       the M49 region name of the country, or null
 * @param submissionId the submission that made the rule find it, or null (a cut-off, a table change)
 */
public record AlertDraft(String alertId, AlertKind kind, AlertSeverity severity, AlertCategory category,
                         ReporterType reporterType, String country, String region, String recommendationId,
                         String cycle, String reason, List<String> details, String submissionId) {

    public AlertDraft {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(reason, "reason");
        details = List.copyOf(details);
    }
}
