package com.saleskpi.webhook;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.saleskpi.common.problem.Problem;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;

/**
 * Signed webhooks (admins): register an endpoint for events of any collection (and kpi.alert), read its delivery log,
 * send a dead letter again. Deliveries follow Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature
 * headers over the JSON body {type, timestamp, data}.
 */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Events pushed to your endpoints as they commit, signed (Standard Webhooks), at least once, in"
        + " commit order per record, retried with back-off, then kept as dead letters to send again")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class WebhookResource {

    private final WebhookService webhooks;
    private final WebhookOutbox outbox;
    private final SecurityIdentity identity;

    public WebhookResource(WebhookService webhooks, WebhookOutbox outbox, SecurityIdentity identity) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an endpoint", description = "Answers the endpoint with its signing secret, shown this once: keep it to"
            + " verify webhook-signature. Deliveries start with the next commit")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Webhooks.Endpoint.class)))
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still being processed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "An invalid URL (or one on a private network), an unknown event, too long a"
            + " description, or an Idempotency-Key reused with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<Webhooks.Endpoint>> register(Webhooks.EndpointInput endpoint,
            @Parameter(description = "Makes a retry of this request answer the first registration again instead of registering a second"
                    + " endpoint (24 hours)") @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return webhooks.register(endpoint, identity.getPrincipal().getName(), idempotencyKey).map(registered -> registered.created(
                URI.create("/api/v1/webhooks/" + registered.answer().id()), registered.answer().id().toString()));
    }

    @GET
    @Operation(summary = "Every registered endpoint (without secrets)")
    public Uni<List<Webhooks.Endpoint>> endpoints() {
        return webhooks.endpoints();
    }

    @GET
    @Path("/events")
    @Operation(summary = "The events an endpoint may subscribe to", description = "{collection}.created, .updated and .deleted for"
            + " every collection, and kpi.alert")
    public List<String> events() {
        return outbox.events();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One endpoint (without its secret)")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Webhooks.Endpoint.class)))
    public Uni<RestResponse<Webhooks.Endpoint>> endpoint(@PathParam("id") UUID id) {
        return webhooks.endpoint(id).map(found -> RestResponse.ResponseBuilder.ok(found).tag(new EntityTag(found.id().toString())).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an endpoint and its deliveries")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return webhooks.delete(id);
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "An endpoint's delivery log, newest first", description = "Every event delivered, owed (PENDING, with its next"
            + " attempt) or given up (DEAD: the dead-letter list), with the last answer; page with before (the last id of a page)")
    public Uni<List<Webhooks.Delivery>> deliveries(@PathParam("id") UUID id,
            @QueryParam("status") @Parameter(description = "Only deliveries in this state; DEAD lists the dead letters") Webhooks.DeliveryStatus status,
            @QueryParam("before") @Parameter(description = "Only deliveries older than this one (its id)") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return webhooks.deliveries(id, status, before, limit);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery again", description = "A dead letter (or a delivery already made) is due again at once, with"
            + " the same webhook-id and body, its attempts counted afresh")
    @APIResponse(responseCode = "202", description = "Due again", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Webhooks.Delivery.class)))
    public Uni<RestResponse<Webhooks.Delivery>> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") @Min(1) long deliveryId) {
        return webhooks.redeliver(id, deliveryId).map(due -> RestResponse.ResponseBuilder.accepted(due).build());
    }
}
