package com.saleskpi.common;

import java.util.Locale;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.InvalidSyntaxError;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Checks a GraphQL-over-HTTP request before the GraphQL engine reads it.
 * <ul>
 * <li>A POST body that is not a GraphQL request (not an object, variables that are not an object...), on which the engine
 * fails with a server error, gets 400 with a GraphQL error whose code is BAD_USER_INPUT and whose message names the
 * member at fault.</li>
 * <li>A document that does not parse gets the parser's message and location with the code GRAPHQL_PARSE_FAILED, as every
 * other GraphQL error has a code (GraphQLErrorCodes); SmallRye would answer "Unparseable input document", without
 * either.</li>
 * </ul>
 */
@Singleton
public class GraphQLRequests {

    private final long maxBodySize;
    /**
     * Documents that parsed, so that one sent again (a dashboard's, every few seconds) is not parsed twice over each time:
     * parsing here took 7 % of a dashboard's CPU. Bounded by their total length.
     */
    private final Cache<String, Boolean> parsed = Caffeine.newBuilder().maximumWeight(4_000_000)
            .weigher((String document, Boolean ok) -> document.length()).build();

    public GraphQLRequests(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        // after the security filters (orders -300 to -100), before the GraphQL route (order 0 and up)
        router.post("/graphql").order(-1)
                .handler(BodyHandler.create().setBodyLimit(maxBodySize))
                .handler(this::checkBody);
        router.get("/graphql").order(-1).handler(context -> checkDocument(context, context.request().getParam("query")));
    }

    private void checkBody(RoutingContext context) {
        String contentType = String.valueOf(context.request().getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        if (contentType.startsWith("application/graphql")) {
            checkDocument(context, context.body().asString());
            return;
        }
        if (!contentType.startsWith("application/json")) {
            context.next();
            return;
        }
        Object request = decode(context.body().asString());
        String fault = fault(request);
        if (fault != null) {
            answer(context, 400, new JsonObject().put("message", fault)
                    .put("extensions", new JsonObject().put("code", "BAD_USER_INPUT")));
            return;
        }
        checkDocument(context, ((JsonObject) request).getString("query"));
    }

    private void checkDocument(RoutingContext context, String document) {
        if (document == null || parsed.getIfPresent(document) != null) {
            context.next();
            return;
        }
        try {
            Parser.parse(document);
            parsed.put(document, Boolean.TRUE);
        } catch (InvalidSyntaxException e) {
            InvalidSyntaxError error = e.toInvalidSyntaxError();
            JsonArray locations = new JsonArray();
            error.getLocations().forEach(l -> locations.add(new JsonObject().put("line", l.getLine()).put("column", l.getColumn())));
            answer(context, 200, new JsonObject().put("message", error.getMessage()).put("locations", locations)
                    .put("extensions", new JsonObject().put("classification", "InvalidSyntax").put("code", "GRAPHQL_PARSE_FAILED")));
            return;
        }
        context.next();
    }

    private static void answer(RoutingContext context, int status, JsonObject error) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("errors", new JsonArray().add(error)).encode());
    }

    /** The request body as JSON, or the reason it is not JSON. */
    private static Object decode(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.decodeValue(body);
        } catch (DecodeException e) {
            return e;
        }
    }

    /** What is wrong with the decoded request body, or null when its shape is that of a GraphQL request. */
    private static String fault(Object parsed) {
        if (parsed instanceof DecodeException) {
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
