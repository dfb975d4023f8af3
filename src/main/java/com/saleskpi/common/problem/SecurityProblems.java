package com.saleskpi.common.problem;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Authentication and path-permission failures happen before JAX-RS sees the request,
 * so they are answered here, with the same problem documents as every other error.
 */
@Singleton
public class SecurityProblems {

    private final ObjectMapper mapper;

    public SecurityProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
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
