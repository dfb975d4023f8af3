package com.saleskpi.common.crud;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.saleskpi.common.persistence.AuditedEntity;
import com.saleskpi.common.problem.Problem;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** The REST operations of a collection whose records change: those of RecordResource, then replace, patch and delete. */
public abstract class CrudResource<E extends AuditedEntity> extends RecordResource<E> {

    protected CrudResource(CrudService<E> service) {
        super(service);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a record", description = "Fields left out are cleared. Send If-Match with the ETag you read to avoid overwriting someone else's change.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "The full record, as for create")))
    @APIResponse(responseCode = "200", description = "The stored record")
    @APIResponse(responseCode = "404", description = "No such record", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Changed concurrently, or a unique field is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields or references", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<E>> replace(@PathParam("id") UUID id, @NotNull JsonNode body,
            @Parameter(description = "ETag the change is based on") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.replace(id, body, ifMatch).map(saved -> withTag(RestResponse.ResponseBuilder.ok(saved), saved));
    }

    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH_JSON, MediaType.APPLICATION_JSON })
    @Operation(summary = "Update some fields (JSON merge patch, RFC 7386)", description = "Fields present are set, fields set to null are cleared, others are kept.")
    @RequestBody(required = true, content = @Content(mediaType = MERGE_PATCH_JSON, schema = @Schema(type = SchemaType.OBJECT, description = "The fields to change")))
    @APIResponse(responseCode = "200", description = "The stored record")
    @APIResponse(responseCode = "404", description = "No such record", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Changed concurrently, or a unique field is taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Invalid fields or references", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<E>> patch(@PathParam("id") UUID id, @NotNull JsonNode patch,
            @Parameter(description = "ETag the change is based on") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.patch(id, patch, ifMatch).map(saved -> withTag(RestResponse.ResponseBuilder.ok(saved), saved));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a record")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such record", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Other records still refer to it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id,
            @Parameter(description = "ETag the deletion is based on") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return service.delete(id, ifMatch).map(done -> RestResponse.noContent());
    }
}
