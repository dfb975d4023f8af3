package com.saleskpi.common;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Lets streamed exports (Multi bodies) be compressed like every other response. Quarkus marks each response
 * "Content-Encoding: identity" and Quarkus REST lifts that mark for compressible media types, but only for
 * responses it writes in one piece; a streamed response's headers go out before that step. So the mark is
 * lifted here, just before the headers are written, for the same configured media types.
 */
@Singleton
public class StreamedCompression {

    private final Set<String> compressible;

    public StreamedCompression(@ConfigProperty(name = "quarkus.http.compress-media-types") List<String> compressible) {
        this.compressible = Set.copyOf(compressible);
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(context -> {
            HttpServerResponse response = context.response();
            context.addHeadersEndHandler(ignored -> {
                String type = response.headers().get(HttpHeaders.CONTENT_TYPE);
                if (type != null && HttpHeaders.IDENTITY.toString().equals(response.headers().get(HttpHeaders.CONTENT_ENCODING))
                        && compressible.contains(type.split(";", 2)[0].trim())) {
                    response.headers().remove(HttpHeaders.CONTENT_ENCODING);
                }
            });
            context.next();
        });
    }
}
