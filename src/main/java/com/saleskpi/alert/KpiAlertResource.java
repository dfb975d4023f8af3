package com.saleskpi.alert;

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

/** KPI alert rules (admins and analysts): a KPI query and a condition; each firing is a kpi.alert webhook event and a push. */
@Path("/api/v1/kpi-alerts")
@Tag(name = "KPI alerts", description = "Rules on any KPI (built-in or custom) that fire when it crosses a threshold or changes beyond a"
        + " percentage: as webhooks (kpi.alert) and on the kpiAlerts subscription")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "admin", "analyst" })
public class KpiAlertResource {

    private final KpiAlertService alerts;
    private final SecurityIdentity identity;

    public KpiAlertResource(KpiAlertService alerts, SecurityIdentity identity) {
        this.alerts = alerts;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Define a rule", description = "The rule's KPI query is answered at once (as a snapshot would be) to know its"
            + " state; it fires when its condition becomes true after that (CROSSES: when the value changes side), once per crossing, then"
            + " stays quiet for its cool-down. Evaluated after every commit and every minute")
    @APIResponse(responseCode = "201", description = "Defined", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KpiAlerts.Rule.class)))
    @APIResponse(responseCode = "409", description = "The first request with this Idempotency-Key is still being processed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A field missing or invalid, or an Idempotency-Key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The KPI was defined through the API and has since been deleted or renamed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The caller has used their KPI work allowance for now (the rule's first evaluation"
            + " is KPI work)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<KpiAlerts.Rule>> define(KpiAlerts.RuleInput rule,
            @Parameter(description = "Makes a retry of this request answer the first definition again instead of a second rule (24 hours)")
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return alerts.create(rule, identity.getPrincipal().getName(), idempotencyKey).map(defined -> defined.created(
                URI.create("/api/v1/kpi-alerts/" + defined.answer().id()), defined.answer().id().toString()));
    }

    @GET
    @Operation(summary = "Every rule, with the state it was last found in")
    public Uni<List<KpiAlerts.Rule>> rules() {
        return alerts.rules();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One rule")
    @APIResponse(responseCode = "200", description = "The rule", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KpiAlerts.Rule.class)))
    public Uni<RestResponse<KpiAlerts.Rule>> rule(@PathParam("id") UUID id) {
        return alerts.rule(id).map(found -> RestResponse.ResponseBuilder.ok(found).tag(new EntityTag(found.id().toString())).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a rule and its firings")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return alerts.delete(id);
    }

    @GET
    @Path("/{id}/firings")
    @Operation(summary = "When a rule fired, newest first", description = "Page with before (the last id of a page)")
    public Uni<List<KpiAlerts.Firing>> firings(@PathParam("id") UUID id,
            @QueryParam("before") @Parameter(description = "Only firings older than this one (its id)") @Min(1) Long before,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return alerts.firings(id, before, limit);
    }
}
