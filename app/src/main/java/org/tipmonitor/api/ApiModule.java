package org.tipmonitor.api;

import io.javalin.Javalin;

/**
 * A group of HTTP endpoints. Modules are registered before the server starts; their handlers read the stores
 * through {@link StoreQueries}, which routes each query to the instance that holds the data and throws
 * {@link StoresUnavailableException} (503) while the stores cannot answer. Handlers signal other errors by
 * throwing {@link ApiException}. Every route must be described in {@code org/tipmonitor/api/openapi.json}.
 */
@FunctionalInterface
public interface ApiModule {

    void register(Javalin app, StoreQueries queries);

    /**
     * Whether the module serves the instances' internal channel ({@code /internal/v1/...}), which an operator may put
     * on a port of its own ({@link ApiSettings#internalPort()}).
     */
    default boolean internal() {
        return false;
    }
}
