package org.tipmonitor.compliance;

import org.tipmonitor.avro.Reporter;
import org.tipmonitor.avro.Submission;

/**
 * The idempotency key of a submission: its reporter (type, country, organisation) and the submissionId that
 * reporter chose. A submissionId is unique only within its reporter, so one reporter can neither pre-empt nor
 * conflict with another's submission by reusing its id. Form: {@code TYPE|COUNTRY|ORGANISATION|submissionId},
 * each part with {@code %} and {@code |} percent-escaped so that no two reporters' keys can coincide.
 */
public final class SubmissionKey {

    private static final char SEPARATOR = '|';

    private SubmissionKey() {
    }

    /** The key of a screened submission (country already normalised). */
    public static String of(final Submission submission) {
        final Reporter reporter = submission.getReporter();
        return escape(reporter.getType().name()) + SEPARATOR + escape(reporter.getCountry()) + SEPARATOR
            + escape(reporter.getOrganisation()) + SEPARATOR + escape(submission.getSubmissionId());
    }

    private static String escape(final String part) {
        return part == null ? "" : part.replace("%", "%25").replace("|", "%7C");
    }
}
