package org.tipmonitor.alerts;

import java.util.List;

/** Query parameters that do not make an alert filter; the message names every bad parameter and why. */
public final class InvalidAlertFilterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidAlertFilterException(final List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One sentence per bad parameter, each starting with the parameter's name. */
    public List<String> problems() {
        return problems;
    }
}
