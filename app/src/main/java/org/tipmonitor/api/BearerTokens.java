package org.tipmonitor.api;

import java.util.Optional;

/** Who a presented bearer token stands for. */
@FunctionalInterface
public interface BearerTokens {

    /** The grant of a valid, unexpired token; empty for anything else (null, unknown, expired). */
    Optional<GatewayTokens.Grant> find(String token);
}
