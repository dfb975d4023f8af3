package com.saleskpi.common.problem;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;

/**
 * Thrown anywhere in the service to answer the request with a problem document.
 * A WebApplicationException so that JAX-RS passes it through unchanged from parameter converters too.
 */
public class ProblemException extends WebApplicationException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final Integer retryAfterSeconds;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        this(type, detail, errors, null);
    }

    private ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors, Integer retryAfterSeconds) {
        super(detail, type.status());
        this.type = type;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A refusal that passes with time (busy, unavailable, rate limited): the answer carries Retry-After. */
    public static ProblemException retryLater(ProblemType type, String detail, int retryAfterSeconds) {
        return new ProblemException(type, detail, List.of(), Math.max(1, retryAfterSeconds));
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException invalidParameter(String parameter, String message) {
        return new ProblemException(ProblemType.INVALID_PARAMETER, "Query or path parameter '" + parameter + "' " + message,
                List.of(new Problem.FieldError(parameter, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " was not found");
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** Seconds after which a retry may succeed, or null when retrying the same request cannot help. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
