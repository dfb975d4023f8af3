package com.saleskpi.common.problem;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Failures of the HTTP layer, before JAX-RS sees the request (authentication, path permissions, bodies, request
 * targets and headers over their limits, parameters PostgreSQL cannot store), answered with the same problem
 * documents as every other error. The HTTP codec's own limits are set far above these (application.properties), so
 * that an oversized request reaches this check instead of being answered without a body.
 */
@Singleton
public class HttpLayerProblems {

    private final ObjectMapper mapper;
    private final long maxBodySize;
    private final long maxTargetLength;
    private final long maxHeaderSize;

    public HttpLayerProblems(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            // read at static init (the HTTP filters are registered then), where a config mapping is not yet available
            @ConfigProperty(name = "saleskpi.http.max-request-target-length") MemorySize maxTargetLength,
            @ConfigProperty(name = "saleskpi.http.max-header-size") MemorySize maxHeaderSize) {
        this.mapper = mapper;
        this.maxBodySize = maxBodySize.asLongValue();
        this.maxTargetLength = maxTargetLength.asLongValue();
        this.maxHeaderSize = maxHeaderSize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
        // ahead of Quarkus's own size check, which answers 413 with an empty body
        router.route().order(Integer.MIN_VALUE).handler(this::checkRequest);
    }

    /** The first check the request fails is answered; the size checks also close the connection. */
    private void checkRequest(RoutingContext context) {
        Problem oversized = firstNonNull(tooLongTarget(context), tooLargeHeaders(context), tooLargeBody(context));
        if (oversized != null) {
            context.response().putHeader("Connection", "close");
            send(context, oversized);
            return;
        }
        Problem unstorable = unstorableParameter(context);
        if (unstorable != null) {
            send(context, unstorable);
        } else {
            context.next();
        }
    }

    private static Problem firstNonNull(Problem... problems) {
        for (Problem problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private Problem tooLongTarget(RoutingContext context) {
        return context.request().uri().length() <= maxTargetLength ? null
                : Problem.of(ProblemType.URI_TOO_LONG, "The request target (path and query) is longer than the "
                        + maxTargetLength + " characters the service accepts", null, List.of());
    }

    private Problem tooLargeHeaders(RoutingContext context) {
        long size = 0;
        for (var header : context.request().headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size <= maxHeaderSize ? null : Problem.of(ProblemType.HEADERS_TOO_LARGE, "The request headers are larger than the "
                + maxHeaderSize + " bytes the service accepts", context.normalizedPath(), List.of());
    }

    private Problem tooLargeBody(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        boolean tooLarge = length != null && !length.isEmpty() && length.chars().allMatch(Character::isDigit)
                && (length.length() > 18 || Long.parseLong(length) > maxBodySize);
        return !tooLarge ? null : Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the "
                + maxBodySize + " bytes the service accepts", context.normalizedPath(), List.of());
    }

    /** PostgreSQL text cannot hold NUL: a query parameter carrying one is refused by name before any query is built. */
    private static Problem unstorableParameter(RoutingContext context) {
        MultiMap parameters;
        try {
            parameters = context.queryParams();
        } catch (IllegalArgumentException e) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The query string is not valid percent-encoded UTF-8",
                    context.normalizedPath(), List.of());
        }
        for (var parameter : parameters) {
            String refusal = StorableValues.refusal(parameter.getValue());
            if (refusal != null) {
                return Problem.of(ProblemType.INVALID_PARAMETER, parameter.getKey() + " " + refusal, context.normalizedPath(),
                        List.of(new Problem.FieldError(parameter.getKey(), refusal)));
            }
        }
        return null;
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().headWritten() || failure instanceof AuthenticationRedirectException) {
            // a redirect is how a browser login (the GraphQL UI's) goes on, not a refusal
            context.next();
        } else if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException) {
            sendUnauthenticated(context, failure);
        } else if (failure instanceof ForbiddenException) {
            send(context, Problem.of(ProblemType.FORBIDDEN, "Your roles do not allow this operation",
                    context.normalizedPath(), List.of()));
        } else {
            context.next();
        }
    }

    /** Answers a request without a token with the 401 problem every unauthenticated request gets. */
    public void sendUnauthenticated(RoutingContext context) {
        sendUnauthenticated(context, null);
    }

    /**
     * A request without a token is challenged plainly; one whose token was refused learns why, as RFC 6750 has it
     * (error="invalid_token" with a description), so that a client knows to get a new token when it expired.
     */
    private void sendUnauthenticated(RoutingContext context, Throwable failure) {
        boolean presented = context.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
        if (!presented) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
            send(context, Problem.of(ProblemType.UNAUTHENTICATED, "A valid bearer token is required", context.normalizedPath(), List.of()));
            return;
        }
        boolean expired = expired(failure);
        String reason = expired ? "The token has expired" : "The token is not valid here (signature, issuer, audience or form)";
        context.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"" + reason + "\"");
        send(context, Problem.of(ProblemType.UNAUTHENTICATED, reason + "; send a valid bearer token", context.normalizedPath(), List.of()));
    }

    private static boolean expired(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.jose4j.jwt.consumer.InvalidJwtException jwt && jwt.hasExpired()) {
                return true;
            }
        }
        return false;
    }

    /** Ends the exchange with this problem, from a route handler that runs before REST and GraphQL. */
    public void send(RoutingContext context, Problem problem) {
        try {
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            context.fail(e);
        }
    }
}
