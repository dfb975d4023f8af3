package com.saleskpi.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.crud.CrudCollections;
import com.saleskpi.common.crud.CrudService;
import com.saleskpi.common.crud.IdempotencyKeys;
import com.saleskpi.common.problem.Problem;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.imports.ImportService.Mode;
import com.saleskpi.imports.ImportService.Report;
import com.saleskpi.imports.ImportService.Retry;
import com.saleskpi.security.CallerScopes;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Bulk import of CSV or NDJSON into the collections that carry an externalRef: each row is upserted by
 * externalRef, so that sending the same file again changes nothing. Every row is validated as a create would be.
 */
@Path("/api/v1/import/{collection}")
@Tag(name = "Bulk import", description = "CSV or NDJSON files upserted by externalRef: a re-sent file changes nothing")
public class ImportResource {

    private final Map<String, CrudService<?>> collections = new HashMap<>();
    private final ObjectMapper json;
    private final ObjectMapper csvValues;
    private final ImportFiles files;
    private final ImportService imports;
    private final CallerScopes scopes;
    private final SecurityIdentity identity;

    public ImportResource(CrudCollections all, ObjectMapper mapper, ImportService imports, CallerScopes scopes, SecurityIdentity identity) {
        this.identity = identity;
        all.names().forEach(name -> all.find(name).filter(CrudService::hasExternalRef).ifPresent(s -> collections.put(name, s)));
        this.json = mapper;
        // CSV cells are text: numbers, dates and booleans are read from their text form
        this.csvValues = mapper.copy().enable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        this.files = new ImportFiles(json, csvValues);
        this.imports = imports;
        this.scopes = scopes;
    }

    @POST
    @Consumes({ "text/csv", "application/x-ndjson" })
    @Produces(MediaType.APPLICATION_JSON)
    // the operation's id as clients generated it before the import had a package of its own
    @Operation(operationId = "BulkImportResource_importRows", summary = "Import rows into a collection (upsert by externalRef)", description = "CSV with a header row of field"
            + " names, or NDJSON with one record per line (orders with their lines need NDJSON). Errors name the row (1 = first"
            + " data row) and the field. Sending a file again changes nothing; with an Idempotency-Key, a retry within 24 hours"
            + " also gets the first request's report again.")
    @APIResponse(responseCode = "200", description = "What was created, updated, left unchanged and (VALID_ROWS) rejected;"
            + " Idempotent-Replayed: true when it is the stored report of an earlier request with the same Idempotency-Key")
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still being processed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "ALL_OR_NOTHING and a row is invalid: nothing was written; or an"
            + " Idempotency-Key reused with another file", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Report>> importRows(@PathParam("collection") @Parameter(description = "accounts, leads, opportunities, orders,"
            + " activities, costs, survey-responses or exchange-rates", example = "accounts") String collection,
            @QueryParam("mode") @DefaultValue("ALL_OR_NOTHING") Mode mode,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "Client-chosen unique key (at most 255 characters) that makes retries of this import safe")
            @HeaderParam("Idempotency-Key") String idempotencyKey, String body) {
        CrudService<?> service = collections.get(collection);
        if (service == null) {
            throw ProblemException.invalidParameter("collection", "must be one of " + new TreeSet<>(collections.keySet()));
        }
        boolean csv = contentType != null && contentType.startsWith("text/csv");
        List<JsonNode> rows = files.parse(body, csv);
        ObjectMapper reader = csv ? csvValues : json;
        Retry retry = idempotencyKey == null ? null : new Retry(identity.getPrincipal().getName(), idempotencyKey,
                IdempotencyKeys.hash(json, List.of(collection, mode.name(), csv ? "csv" : "ndjson", body)));
        return scopes.current().invoke(service::checkMayWrite).chain(scope -> mode == Mode.ALL_OR_NOTHING ? imports.allOrNothing(service, rows, reader, scope, retry)
                : imports.validRows(service, rows, reader, scope, retry))
                .invoke(imported -> {
                    if (!imported.replayed()) {
                        imports.count(collection, imported.report());
                    }
                })
                .map(imported -> imported.replayed()
                        ? RestResponse.ResponseBuilder.ok(imported.report()).header("Idempotent-Replayed", "true").build()
                        : RestResponse.ok(imported.report()));
    }

}
