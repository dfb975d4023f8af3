package com.saleskpi.common.problem;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Maps every failure to an RFC 9457 problem. Messages are written for API clients:
 * no class names, SQL or stack traces ever leave the service; unexpected errors are logged instead.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = Problem.of(e.type(), e.getMessage(), path(uri), e.errors()).toResponse();
        return e.retryAfterSeconds() == null ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        return problem(asProblem(e), uri);
    }

    /** Bean Validation's violations as the problem that names each field at fault (REST and GraphQL alike). */
    public static ProblemException asProblem(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        boolean onlyParameters = e.getConstraintViolations().stream().allMatch(ProblemMappers::isQueryParameterViolation);
        return new ProblemException(onlyParameters ? ProblemType.INVALID_PARAMETER : ProblemType.VALIDATION_FAILED, detail, errors);
    }

    @ServerExceptionMapper
    public Response unreadableJson(MismatchedInputException e, UriInfo uri) {
        return describeUnreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, UriInfo uri) {
        return describeUnreadable(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return describeUnreadable(e, uri);
    }

    private Response describeUnreadable(JsonProcessingException e, UriInfo uri) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            return Problem.of(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object", path(uri), List.of())
                    .toResponse();
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = jsonPath(mapping);
            String message = describe(mapping);
            return Problem.of(ProblemType.MALFORMED_REQUEST, field + " " + message, path(uri),
                    List.of(new Problem.FieldError(field, message))).toResponse();
        }
        return Problem.of(ProblemType.MALFORMED_REQUEST, "The request body is not valid JSON: "
                + e.getOriginalMessage(), path(uri), List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response unreadableEntity(UncheckedJsonException e, UriInfo uri) {
        return describeUnreadable(e.json(), uri);
    }

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        return Problem.of(ProblemType.CONFLICT, "The record was changed by someone else meanwhile; read it again and retry",
                path(uri), List.of()).toResponse();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(Problem.of(ProblemType.UNAUTHENTICATED,
                "A valid bearer token is required", path(uri), List.of()).toResponse())
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(ProblemType.FORBIDDEN, "Your roles do not allow this operation", path(uri), List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return describeUnreadable(json, uri);
        }
        int status = e.getResponse().getStatus();
        ProblemType type = ProblemType.forStatus(status);
        String detail = status == 404 ? "No resource matches this path" : type.title;
        Response.ResponseBuilder builder = Response.fromResponse(e.getResponse()).status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.of(type, detail, path(uri), List.of()).type(), type.title, status, detail,
                        path(uri), null));
        return builder.build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Throwable translated = DatabaseErrors.translate(e);
        if (translated instanceof ProblemException problem) {
            if (problem.type().status() >= 500) {
                LOG.warnf("%s on %s: %s", problem.type().title, path(uri), rootMessage(e));
            }
            return problem(problem, uri);
        }
        LOG.error("Unexpected failure on " + path(uri), e);
        return Problem.of(ProblemType.INTERNAL_ERROR, "The service failed to handle this request; it has been logged",
                path(uri), List.of()).toResponse();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** The JSON path of the field at fault: "lines[0].quantity". */
    public static String jsonPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** What is wrong with one field of a JSON body or import row, in words for the client. */
    public static String describe(JsonMappingException mapping) {
        if (mapping instanceof StorableValues.Unstorable) {
            return mapping.getOriginalMessage();
        }
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (mapping instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
            return "must be one of " + java.util.Arrays.toString(format.getTargetType().getEnumConstants());
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + friendlyType(mismatch.getTargetType());
        }
        return "has an invalid value";
    }

    private static String friendlyType(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "UUID" -> "a UUID";
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "Instant", "OffsetDateTime" -> "a date-time in ISO 8601 with offset (e.g. 2026-01-31T09:00:00Z)";
            case "BigDecimal", "double", "Double" -> "a decimal number";
            case "int", "Integer", "long", "Long" -> "an integer within range";
            case "boolean", "Boolean" -> "true or false";
            case "String" -> "a string";
            default -> type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? "an array" : "an object";
        };
    }

    /** The JSON field for a body violation; the parameter name for a query or path parameter violation. */
    private static String fieldName(ConstraintViolation<?> violation) {
        StringBuilder out = new StringBuilder();
        boolean methodLevel = false;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
                methodLevel = true;
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null && !out.isEmpty()) {
                out.append('[').append(node.getIndex()).append(']');
            }
            out.append(out.isEmpty() ? "" : ".").append(consistencyRuleField(node.getName()));
        }
        return out.isEmpty() && methodLevel ? "body" : out.toString();
    }

    /** Resource methods name their request body "body"; any other validated parameter comes from the URL. */
    private static boolean isQueryParameterViolation(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                return !"body".equals(node.getName());
            }
        }
        return false;
    }

    /** Cross-field rules are written as {@code isValidClosedOn()}: the violation belongs to {@code closedOn}. */
    private static String consistencyRuleField(String property) {
        if (property.startsWith("valid") && property.length() > 5 && Character.isUpperCase(property.charAt(5))) {
            return Character.toLowerCase(property.charAt(5)) + property.substring(6);
        }
        return property;
    }
}
