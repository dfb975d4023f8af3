package com.saleskpi.common;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.inject.Singleton;

/**
 * Every request gets an id (the caller's X-Request-Id when it is a sensible token, else a new one), echoed in the
 * response and put in the logging context, so that a client's report can be found in the logs.
 */
@Singleton
public class RequestIds {

    static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /**
     * First of all routes (observed before HttpLayerProblems registers its checks at the same order), so that every
     * answer carries the id, a refusal of the HTTP layer too.
     */
    void register(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::tag);
    }

    private void tag(RoutingContext context) {
        String offered = context.request().getHeader(HEADER);
        String id = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        MDC.put("requestId", id);
        context.response().putHeader(HEADER, id);
        context.next();
    }
}
