package com.saleskpi.opportunity;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.saleskpi.common.crud.Criteria;
import com.saleskpi.common.crud.CrudResource;
import com.saleskpi.common.crud.ListQuery;
import com.saleskpi.common.crud.Page;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

@Path(CrudResource.API + OpportunityService.COLLECTION)
@Tag(name = "Opportunities", description = "Deals with their stages, amounts and won or lost outcomes, and their stage history")
public class OpportunityResource extends CrudResource<Opportunity> {

    private final OpportunityService deals;

    public OpportunityResource(OpportunityService service) {
        super(service);
        this.deals = service;
    }

    public static class Query extends ListQuery {
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("ownerRepId")
        public UUID ownerRepId;
        @QueryParam("teamId")
        public UUID teamId;
        @QueryParam("territoryId")
        public UUID territoryId;
        @QueryParam("channelId")
        public UUID channelId;
        @QueryParam("accountId")
        public UUID accountId;
        @QueryParam("productId")
        public UUID productId;
        @QueryParam("stage")
        public Opportunity.DealStage stage;
        @QueryParam("type")
        public Opportunity.DealType type;
        @QueryParam("openedFrom")
        public LocalDate openedFrom;
        @QueryParam("openedTo")
        public LocalDate openedTo;
        @QueryParam("closedFrom")
        public LocalDate closedFrom;
        @QueryParam("closedTo")
        public LocalDate closedTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("externalRef", externalRef).equal("ownerRepId", ownerRepId).equal("teamId", teamId).equal("territoryId", territoryId)
                    .equal("channelId", channelId).equal("accountId", accountId).equal("productId", productId)
                    .equal("stage", stage).equal("type", type)
                    .between("openedOn", openedFrom, openedTo).between("closedOn", closedFrom, closedTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("openedOn", "amount", "name", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listOpportunities", summary = "List opportunities", description = LIST_DESCRIPTION)
    public Uni<Page<Opportunity>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listOpportunities", summary = "List opportunities", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, Opportunity.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listOpportunities", summary = "List opportunities", description = LIST_DESCRIPTION)
    public Multi<Opportunity> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }

    @GET
    @Path("{id}/stage-history")
    @Operation(summary = "Stage history of an opportunity, oldest first")
    public Uni<List<OpportunityStageChange>> stageHistory(@PathParam("id") UUID id) {
        return deals.stageHistory(id);
    }
}
