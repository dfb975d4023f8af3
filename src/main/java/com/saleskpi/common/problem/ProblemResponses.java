package com.saleskpi.common.problem;

import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents on every API operation the problems any operation can answer, so that no operation's contract forgets
 * them: the bearer token (401, 403), malformed requests (400), content negotiation (406), the HTTP layer's limits (414,
 * 431) and database faults (503, 504); with a body, its size and media type (413, 415); with path parameters, 404;
 * with KPI names, a deleted custom KPI (404) and what the KPI budget refuses (422, 429). Run by ContractDetailsFilter before it adds the headers every
 * answer carries, to these responses too.
 */
public final class ProblemResponses {

    /** A problem response declared once under components/responses and referred to by the operations that can answer it. */
    private record Shared(String status, String name, String description, boolean retryAfter) {
    }

    private static final List<Shared> COMMON = List.of(
            new Shared("400", "BadRequest", "Malformed request, or an invalid or unknown parameter", false),
            new Shared("401", "Unauthenticated", "Missing or invalid bearer token", false),
            new Shared("403", "Forbidden", "The token's roles do not allow this", false),
            new Shared("406", "NotAcceptable", "None of the media types in Accept can be produced", false),
            new Shared("414", "UriTooLong", "The request target (path and query) is longer than the service accepts", false),
            new Shared("431", "HeadersTooLarge", "The request headers are larger than the service accepts", false),
            new Shared("503", "ServiceUnavailable", "The database cannot be reached, a record is locked by another request past the"
                    + " lock timeout, or every connection is busy", true),
            new Shared("504", "Timeout", "A statement ran longer than the database allows", true));
    private static final List<Shared> WITH_BODY = List.of(
            new Shared("413", "PayloadTooLarge", "The request body is larger than the service accepts", false),
            new Shared("415", "UnsupportedMediaType", "The request body's media type is not one the operation reads", false));
    private static final List<Shared> WITH_PATH_PARAMETERS = List.of(
            new Shared("404", "NotFound", "No record, or none the caller may see, has this id", false));
    private static final List<Shared> WITH_KPIS = List.of(
            new Shared("404", "KpiDeleted", "A KPI named was defined through the API and has since been deleted or renamed", false),
            new Shared("422", "RequestTooCostly", "The request asks for more KPI work than one request may"
                    + " (KPIs x buckets x members x fact sources)", false),
            new Shared("429", "RateLimited", "The caller has used their KPI work allowance for now", true));

    private ProblemResponses() {
    }

    /** Declares the shared problem responses and refers every operation to those it can answer. */
    public static void document(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before retrying")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)));
        Stream.of(COMMON, WITH_BODY, WITH_PATH_PARAMETERS, WITH_KPIS).flatMap(List::stream).forEach(problem -> {
            APIResponse response = OASFactory.createAPIResponse().description(problem.description()).content(problemContent());
            if (problem.retryAfter()) {
                response.addHeader("Retry-After", OASFactory.createHeader().ref("Retry-After"));
            }
            components.addResponse(problem.name(), response);
        });
        openAPI.setComponents(components);
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(ProblemResponses::refer));
        }
    }

    private static void refer(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            return;
        }
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        document(responses, COMMON);
        if (operation.getRequestBody() != null) {
            document(responses, WITH_BODY);
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            document(responses, WITH_PATH_PARAMETERS);
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY && "kpi".equals(p.getName()))) {
            document(responses, WITH_KPIS);
        }
    }

    /** Refers to each shared problem the operation does not describe itself (its own description stays). */
    private static void document(APIResponses responses, List<Shared> problems) {
        problems.stream().filter(problem -> responses.getAPIResponse(problem.status()) == null)
                .forEach(problem -> responses.addAPIResponse(problem.status(), OASFactory.createAPIResponse().ref(problem.name())));
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("Problem")));
    }
}
