package com.saleskpi.common.crud;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;

import com.saleskpi.common.persistence.AuditedEntity;
import com.saleskpi.common.problem.Problem;
import com.saleskpi.security.CallerScope;

import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * The REST operations every collection has: create, read, list and export. A subclass binds the entity type, its
 * path and tag, and adds its list endpoint (whose filters differ per entity); CrudResource adds the changes.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class RecordResource<E extends AuditedEntity> {

    /** Where the collections live: each resource's path is this and its service's COLLECTION. */
    public static final String API = "/api/v1/";
    public static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    /** Exports are chosen only when asked for by name: a client that accepts any type gets JSON. */
    public static final String CSV_LOW_PRIORITY = "text/csv;qs=0.5";
    public static final String NDJSON_LOW_PRIORITY = "application/x-ndjson;qs=0.5";
    /** What every list operation answers, by the media type asked for. */
    public static final String LIST_DESCRIPTION = "One page as JSON (follow nextCursor for the next); with Accept: text/csv or"
            + " application/x-ndjson, every record the filters select, all pages, streamed.";

    protected final CrudService<E> service;

    protected RecordResource(CrudService<E> service) {
        this.service = service;
    }

    /** Lists with the entity's filters; shared by the subclasses' list endpoints. */
    protected Uni<Page<E>> page(ListQuery query, UriInfo uri) {
        return service.list(query, new PageLinks(uri));
    }

    /**
     * Every record the filters select, page after page through the same keyset pagination, filters and scoping
     * as the JSON list: memory stays constant however many records there are.
     */
    private Multi<E> allRecords(ListQuery query, CallerScope scope) {
        query.limit = ListQuery.MAX_LIMIT;
        AtomicReference<String> cursor = new AtomicReference<>(query.cursor);
        Counter exported = service.exportedRows();
        return Multi.createBy().repeating()
                .uni(() -> {
                    query.cursor = cursor.get();
                    return service.list(query, null, scope).invoke(page -> cursor.set(page.nextCursor()));
                })
                .whilst(page -> page.nextCursor() != null)
                .onItem().transformToIterable(Page::items)
                .invoke(record -> exported.increment());
    }

    /** The same records as CSV lines, header first; a record with nested records (an order's lines) is a line per nested record. */
    protected Multi<String> csv(ListQuery query, Class<E> type) {
        CsvLines format = new CsvLines(service.mapper(), type);
        return streamedAs("text/csv;charset=UTF-8", scope -> Multi.createBy().concatenating().streams(
                Multi.createFrom().item(format.header()), allRecords(query, scope).map(format::line)));
    }

    /** The same records as NDJSON, one JSON object a line. */
    protected Multi<E> ndjson(ListQuery query) {
        return streamedAs("application/x-ndjson;charset=UTF-8", scope -> allRecords(query, scope));
    }

    /**
     * The caller's scope is resolved before the response starts, so that a caller without access gets a 403 problem
     * rather than a 200 cut short. The content type is set explicitly so that the qs weight of @Produces (a server
     * preference) is not sent.
     */
    private <T> Multi<T> streamedAs(String contentType, Function<CallerScope, Multi<T>> records) {
        return RestMulti.fromUniResponse(service.callerScope(), records,
                scope -> Map.of(HttpHeaders.CONTENT_TYPE, List.of(contentType)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get one record by id", description = "Answers 304 when If-None-Match names the current ETag.")
    @APIResponse(responseCode = "200", description = "The record; its ETag header is its version")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such record", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<E>> get(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the copy the client holds") @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return service.get(id).map(entity -> Preconditions.notModified(entity, ifNoneMatch)
                ? RestResponse.ResponseBuilder.<E>notModified().tag(Preconditions.entityTag(entity)).build()
                : withTag(RestResponse.ResponseBuilder.ok(entity), entity));
    }

    @POST
    @Operation(summary = "Create a record", description = "With an Idempotency-Key, a retried request (same key, same body) within 24 hours"
            + " creates nothing and answers the original response again, also when the retries arrive at the same time.")
    @APIResponse(responseCode = "201", description = "Created (or replayed, with Idempotent-Replayed: true); Location names the record")
    @APIResponse(responseCode = "409", description = "A unique field is already taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields or references, or an Idempotency-Key reused with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<E>> create(@Valid @NotNull E body,
            @Parameter(description = "Client-chosen unique key (at most 255 characters) that makes retries of this request safe")
            @HeaderParam("Idempotency-Key") String idempotencyKey, UriInfo uri) {
        return service.create(body, idempotencyKey).map(created -> {
            E entity = created.entity();
            var response = RestResponse.ResponseBuilder.<E>created(uri.getAbsolutePathBuilder().path(entity.id.toString()).build())
                    .entity(entity).tag(Preconditions.entityTag(entity));
            return (created.replayed() ? response.header("Idempotent-Replayed", "true") : response).build();
        });
    }

    static <E extends AuditedEntity> RestResponse<E> withTag(RestResponse.ResponseBuilder<E> builder, E entity) {
        return builder.tag(Preconditions.entityTag(entity)).build();
    }
}
