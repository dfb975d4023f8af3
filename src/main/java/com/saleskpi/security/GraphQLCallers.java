package com.saleskpi.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * Who may reach /graphql: a caller with one of the sales roles; and anyone opening a WebSocket there, since a
 * WebSocket client (a browser) cannot send a header and authenticates in its connection_init message instead
 * (quarkus.smallrye-graphql.authorization-client-init-payload-name): each operation on the socket is then held to the
 * roles of the API classes (@RolesAllowed) like any other request.
 */
@Singleton
public class GraphQLCallers implements HttpSecurityPolicy {

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext context) {
        if (opensWebSocket(request.request())) {
            return CheckResult.permit();
        }
        return identity.map(caller -> CallerScope.Role.NAMES.stream().anyMatch(caller::hasRole) ? CheckResult.PERMIT : CheckResult.DENY);
    }

    /** Whether the request asks to open a WebSocket. */
    static boolean opensWebSocket(io.vertx.core.http.HttpServerRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    @Override
    public String name() {
        return "graphql-callers";
    }
}
