package org.tipmonitor.cli;

import java.util.LinkedHashSet;
import java.util.Set;

/** Turns an exception into the one line a person reads. */
final class Failures {

    private Failures() {
    }

    /**
     * The distinct messages along the cause chain, outermost first: wrappers say what was being done, the root
     * says why it failed ("Connection refused"). An exception without a message is named by its class.
     */
    static String describe(final Throwable failure) {
        final Set<String> messages = new LinkedHashSet<>();
        for (Throwable cause = failure; cause != null && messages.size() < 4; cause = cause.getCause()) {
            final String message = cause.getMessage();
            if (message == null || message.isBlank()) {
                if (cause.getCause() == null) {
                    messages.add(cause.getClass().getSimpleName());
                }
            } else if (messages.stream().noneMatch(seen -> seen.contains(message))) {
                messages.add(message.strip().replace('\n', ' '));
            }
        }
        return String.join(": ", messages);
    }
}
