package com.saleskpi.common.problem;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Failures of the HTTP layer, before JAX-RS sees the request (authentication, path permissions,
 * bodies over the size limit), answered with the same problem documents as every other error.
 */
@Singleton
public class HttpLayerProblems {

    private final ObjectMapper mapper;
    private final long maxBodySize;

    public HttpLayerProblems(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.mapper = mapper;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
        // ahead of Quarkus's own size check, which answers 413 with an empty body
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversizedBody);
    }

    private void refuseOversizedBody(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && length.chars().allMatch(Character::isDigit) && !length.isEmpty()
                && (length.length() > 18 || Long.parseLong(length) > maxBodySize)) {
            context.response().putHeader("Connection", "close");
            send(context, Problem.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than the "
                    + maxBodySize + " bytes the service accepts", context.normalizedPath(), List.of()));
        } else {
            context.next();
        }
    }

    private void handle(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().headWritten()) {
            context.next();
        } else if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
            send(context, Problem.of(ProblemType.UNAUTHENTICATED, "A valid bearer token is required",
                    context.normalizedPath(), List.of()));
        } else if (failure instanceof ForbiddenException) {
            send(context, Problem.of(ProblemType.FORBIDDEN, "Your roles do not allow this operation",
                    context.normalizedPath(), List.of()));
        } else {
            context.next();
        }
    }

    private void send(RoutingContext context, Problem problem) {
        try {
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            context.fail(e);
        }
    }
}
