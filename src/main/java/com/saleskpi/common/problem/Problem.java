package com.saleskpi.common.problem;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem details document: what every error response of this service carries. */
@Schema(name = "Problem", description = "RFC 9457 problem details")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @Schema(description = "Stable identifier of the kind of problem", examples = "urn:saleskpi:problem:validation-failed") String type,
        @Schema(description = "Short summary of the kind of problem") String title,
        @Schema(description = "HTTP status code") int status,
        @Schema(description = "What went wrong with this request") String detail,
        @Schema(description = "Path of the request") String instance,
        @Schema(description = "The fields at fault, for invalid input") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:saleskpi:problem:";

    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "JSON path of the body field, or name of the parameter") String field,
            @Schema(description = "What is wrong with it") String message) {
    }

    public static Problem of(ProblemType kind, String detail, String instance, List<FieldError> errors) {
        return new Problem(TYPE_PREFIX + kind.slug, kind.title, kind.status, detail, instance, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
