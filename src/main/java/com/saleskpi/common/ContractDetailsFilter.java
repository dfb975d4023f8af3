package com.saleskpi.common;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import com.saleskpi.common.problem.ProblemResponses;
import com.saleskpi.database.ConsistencyTokens;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * What the generated document leaves out or says in the server's terms, said as clients read it:
 * <ul>
 * <li>the problems every operation can answer (ProblemResponses);</li>
 * <li>two ways to authenticate: a bearer token, or a login at the identity provider (OpenID Connect), which Swagger
 * UI offers;</li>
 * <li>the response headers the API sets: X-Request-Id on every answer, ETag on a record, Location, ETag and
 * Idempotent-Replayed on a create, each declared once under components/headers;</li>
 * <li>a create answers the record as stored: the schema of its request body; a replace sends the record, a merge
 * patch any of its fields;</li>
 * <li>the example of a repeatable parameter as a list, and the license by its SPDX reference;</li>
 * <li>media types without the server's preference weights (;qs=0.5), JSON first (what Swagger UI's "Try it out"
 * asks for), and CSV and NDJSON bodies as the text they are.</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ContractDetailsFilter implements OASFilter {

    private static final String JSON = "application/json";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        // a pasted bearer token, or a login at the identity provider (Swagger UI: authorization code with PKCE)
        components.addSecurityScheme("oidc", OASFactory.createSecurityScheme().type(SecurityScheme.Type.OPENIDCONNECT)
                .description("Log in at the identity provider (authorization code with PKCE)")
                .openIdConnectUrl(ConfigProvider.getConfig().getValue("saleskpi.openapi.login-url", String.class)
                        + "/.well-known/openid-configuration"));
        openAPI.setSecurity(new java.util.ArrayList<>(java.util.List.of(OASFactory.createSecurityRequirement().addScheme("bearer"),
                OASFactory.createSecurityRequirement().addScheme("oidc"))));
        header(components, "X-Request-Id", "The caller's X-Request-Id when it sent a sensible one, else a new one; in every log line of"
                + " the request");
        header(components, "ETag", "The record's version; send it back in If-Match to change it, or in If-None-Match to read it again");
        header(components, "Location", "Address of the new record");
        header(components, "Idempotent-Replayed", "true when this is the stored answer to an earlier request with the same"
                + " Idempotency-Key");
        header(components, ConsistencyTokens.HEADER, "The primary's WAL position once this write committed; send it back on a KPI"
                + " request to have it read from a replica only once the replica includes this write");
        components.addParameter(ConsistencyTokens.HEADER, OASFactory.createParameter().name(ConsistencyTokens.HEADER)
                .in(org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER)
                .description("The X-Consistency-Token a write answered: the KPI is read from the replica once it includes that write"
                        + " (after a bounded wait, from the primary), so that a caller always sees their own writes")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).pattern("^[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}$"))
                .example("0/16B3748"));
        openAPI.setComponents(components);
        ProblemResponses.document(openAPI);
        if (openAPI.getInfo() != null && openAPI.getInfo().getLicense() != null) {
            openAPI.getInfo().getLicense().setIdentifier("LicenseRef-Proprietary");
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(ContractDetailsFilter::exampleAsList);
            }
            if (operation.getResponses() == null) {
                return;
            }
            operation.getResponses().getAPIResponses().forEach((status, response) -> {
                if (response.getRef() != null) {
                    return;
                }
                normalise(response.getContent());
                response.addHeader("X-Request-Id", ref("X-Request-Id"));
                boolean onRecord = path.endsWith(RECORD) && status.equals("200")
                        && (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH);
                if (onRecord) {
                    response.addHeader("ETag", ref("ETag"));
                }
                if (method == PathItem.HttpMethod.POST && status.equals("201")) {
                    describeCreated(operation, response);
                }
                if (ConsistencyTokens.WRITES.contains(method.name()) && status.startsWith("2")) {
                    response.addHeader(ConsistencyTokens.HEADER, ref(ConsistencyTokens.HEADER));
                }
            });
            if (method == PathItem.HttpMethod.GET && path.startsWith("/api/v1/kpis/")) {
                operation.addParameter(OASFactory.createParameter().ref(ConsistencyTokens.HEADER));
            }
            if (path.endsWith(RECORD) && (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH)) {
                describeChange(components, method, operation);
            }
        }));
        components.getResponses().values().forEach(response -> response.addHeader("X-Request-Id", ref("X-Request-Id")));
    }

    /** The path of one record of a collection, which the record conventions (ETag, whole-record PUT, PATCH) apply to. */
    private static final String RECORD = "/{id}";

    /** A create answers the record as stored (its body's schema), where it is (Location) and at which version (ETag). */
    private static void describeCreated(Operation operation, APIResponse response) {
        MediaType body = operation.getRequestBody() == null || operation.getRequestBody().getContent() == null ? null
                : operation.getRequestBody().getContent().getMediaType(JSON);
        if (response.getContent() == null && body != null) {
            response.setContent(OASFactory.createContent().addMediaType(JSON, OASFactory.createMediaType().schema(body.getSchema())));
        }
        response.addHeader("Location", ref("Location"));
        response.addHeader("ETag", ref("ETag"));
        response.addHeader("Idempotent-Replayed", ref("Idempotent-Replayed"));
    }

    /**
     * A replace (PUT) sends the whole record: the record's schema; a merge patch (PATCH, RFC 7386) any of its fields:
     * the record's schema with every field optional, declared once per record as {Record}Patch. The server reads both
     * as JSON trees (to tell a field left out from a field set to null), so the generator sees only "an object".
     */
    private static void describeChange(Components components, PathItem.HttpMethod method, Operation operation) {
        APIResponse stored = operation.getResponses().getAPIResponse("200");
        MediaType record = stored == null || stored.getContent() == null ? null : stored.getContent().getMediaType(JSON);
        Content body = operation.getRequestBody() == null ? null : operation.getRequestBody().getContent();
        if (record == null || record.getSchema() == null || record.getSchema().getRef() == null || body == null) {
            return;
        }
        String name = record.getSchema().getRef().substring(record.getSchema().getRef().lastIndexOf('/') + 1);
        Schema whole = components.getSchemas() == null ? null : components.getSchemas().get(name);
        if (whole == null) {
            return;
        }
        String schemaName = method == PathItem.HttpMethod.PUT ? name : name + "Patch";
        if (method == PathItem.HttpMethod.PATCH && !components.getSchemas().containsKey(schemaName)) {
            components.addSchema(schemaName, OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).properties(whole.getProperties())
                    .description("Any of the fields of " + name + " to change; null clears a field (JSON merge patch, RFC 7386)"));
        }
        body.getMediaTypes().values().forEach(media -> media.setSchema(OASFactory.createSchema().ref(schemaName)));
    }

    /** Media types as clients match them: no ;qs weights, JSON first, CSV and NDJSON as text. */
    private static void normalise(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        Map<String, MediaType> ordered = new LinkedHashMap<>();
        content.getMediaTypes().forEach((type, media) -> ordered.put(type.split(";")[0].trim(), media));
        Map<String, MediaType> jsonFirst = new LinkedHashMap<>();
        if (ordered.containsKey(JSON)) {
            jsonFirst.put(JSON, ordered.remove(JSON));
        }
        jsonFirst.putAll(ordered);
        jsonFirst.forEach((type, media) -> {
            if (type.equals("text/csv") || type.equals("application/x-ndjson")) {
                media.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(type.equals("text/csv")
                        ? "CSV with a header row of field names, one record a line" : "One JSON record a line"));
            }
        });
        content.setMediaTypes(jsonFirst);
    }

    /** The example of a repeatable parameter is a list of its values, as its schema says. */
    private static void exampleAsList(org.eclipse.microprofile.openapi.models.parameters.Parameter parameter) {
        Schema schema = parameter.getSchema();
        boolean repeatable = schema != null && schema.getType() != null && schema.getType().contains(Schema.SchemaType.ARRAY);
        if (repeatable && parameter.getExample() != null && !(parameter.getExample() instanceof java.util.List<?>)) {
            parameter.setExample(java.util.List.of(parameter.getExample()));
        }
    }

    private static void header(Components components, String name, String description) {
        components.addHeader(name, OASFactory.createHeader().description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
    }

    private static org.eclipse.microprofile.openapi.models.headers.Header ref(String name) {
        return OASFactory.createHeader().ref(name);
    }
}
