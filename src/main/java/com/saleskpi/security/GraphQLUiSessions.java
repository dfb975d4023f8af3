package com.saleskpi.security;

import com.saleskpi.common.problem.HttpLayerProblems;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The GraphQL UI's browser session: the UI's pages log in through the "graphql-ui" tenant (authorization code with
 * PKCE), and the /graphql requests the UI sends carry that session's cookie instead of a bearer token. A request with
 * a bearer token, and every other path, is the API's own (the default tenant).
 */
@ApplicationScoped
public class GraphQLUiSessions implements TenantResolver {

    static final String TENANT = "graphql-ui";
    private static final String UI_PATH = "/q/graphql-ui";
    private static final String SESSION_COOKIE = "q_session_" + TENANT;

    @Override
    public String resolve(RoutingContext context) {
        String path = context.normalizedPath();
        if (path.equals(UI_PATH) || path.startsWith(UI_PATH + "/")) {
            return TENANT;
        }
        return path.equals("/graphql") && carriesUiSession(context.request()) ? TENANT : null;
    }

    /** A request without a bearer token that carries the UI's session cookie (whole, or split into chunks). */
    private static boolean carriesUiSession(HttpServerRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && request.cookies().stream().anyMatch(cookie -> cookie.getName().startsWith(SESSION_COOKIE));
    }

    /**
     * GraphQL's path is guarded by a permission policy, whose refusal of a request without a token is an empty 401.
     * This filter, between CORS (300) and authentication (200), answers that case with the same problem as REST, which
     * a client shows. The GraphQL UI's own requests carry its browser session instead.
     */
    void requireTokenOnGraphQL(@Observes Filters filters, HttpLayerProblems problems) {
        filters.register(context -> {
            String path = context.normalizedPath();
            boolean graphql = path.equals("/graphql") || path.startsWith("/graphql/");
            // a WebSocket authenticates in its first message (GraphQLCallers)
            if (graphql && context.request().method() != HttpMethod.OPTIONS && !carriesUiSession(context.request())
                    && !GraphQLCallers.opensWebSocket(context.request())
                    && context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
                problems.sendUnauthenticated(context);
            } else {
                context.next();
            }
        }, 250);
    }
}
