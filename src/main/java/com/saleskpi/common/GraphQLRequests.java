package com.saleskpi.common;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Checks the shape of a GraphQL-over-HTTP POST before the GraphQL engine reads it (which fails with a server error on
 * a body that is not an object, or on variables that are not an object): such a request gets 400 with a GraphQL
 * error whose code is BAD_USER_INPUT and whose message names the member at fault.
 */
@Singleton
public class GraphQLRequests {

    private final long maxBodySize;

    public GraphQLRequests(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        // after the security filters (orders -300 to -100), before the GraphQL route (order 0 and up)
        router.post("/graphql").order(-1)
                .handler(BodyHandler.create().setBodyLimit(maxBodySize))
                .handler(this::check);
    }

    private void check(RoutingContext context) {
        String contentType = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            context.next();
            return;
        }
        String fault = fault(context.body().asString());
        if (fault == null) {
            context.next();
            return;
        }
        JsonObject error = new JsonObject().put("message", fault)
                .put("extensions", new JsonObject().put("code", "BAD_USER_INPUT"));
        context.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }

    /** What is wrong with the request body, or null when its shape is that of a GraphQL request. */
    static String fault(String body) {
        Object parsed;
        try {
            parsed = body == null || body.isBlank() ? null : io.vertx.core.json.Json.decodeValue(body);
        } catch (DecodeException e) {
            return "The request body is not valid JSON";
        }
        if (!(parsed instanceof JsonObject request)) {
            return "The request body must be a JSON object with query, and optionally variables and operationName";
        }
        if (!(request.getValue("query") instanceof String)) {
            return "query must be a string holding the GraphQL document";
        }
        Object variables = request.getValue("variables");
        if (variables != null && !(variables instanceof JsonObject)) {
            return "variables must be a JSON object mapping variable names to values";
        }
        Object operationName = request.getValue("operationName");
        if (operationName != null && !(operationName instanceof String)) {
            return "operationName must be a string";
        }
        return null;
    }
}
