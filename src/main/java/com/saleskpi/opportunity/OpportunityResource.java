package com.saleskpi.opportunity;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.saleskpi.common.crud.Criteria;
import com.saleskpi.common.crud.CrudResource;
import com.saleskpi.common.crud.ListQuery;
import com.saleskpi.common.CsvRows;
import com.saleskpi.common.crud.Page;
import com.saleskpi.common.crud.PageLinks;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

@Path(CrudResource.API + OpportunityService.COLLECTION)
@Tag(name = "Opportunities", description = "Deals with their stages, amounts and won or lost outcomes, and their stage history")
public class OpportunityResource extends CrudResource<Opportunity> {

    private final OpportunityService deals;
    private final DealHistory history;

    public OpportunityResource(OpportunityService service, DealHistory history) {
        super(service);
        this.deals = service;
        this.history = history;
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

    @GET
    @Path("{id}/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getOpportunityHistory", summary = "Every change of an opportunity, oldest first", description = HISTORY)
    public Uni<Page<DealHistory.DealChange>> history(@PathParam("id") UUID id, @Valid @BeanParam HistoryPage page,
            @Context UriInfo uri) {
        return history.page(id, page.cursor, page.limit, new PageLinks(uri));
    }

    @GET
    @Path("{id}/history")
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "getOpportunityHistory", summary = "Every change of an opportunity, oldest first", description = HISTORY)
    public Uni<String> historyCsv(@PathParam("id") UUID id, @Valid @BeanParam HistoryPage page) {
        return history.page(id, page.cursor, page.limit, null).map(changes -> CsvRows.write(DealHistory.DealChange.class, changes.items()));
    }

    static final String HISTORY = "Its creation (each field it was given), each change of a field the pipeline is measured by (stage,"
            + " amount, currency, expected close day, owner, team, territory, channel, product...) with who made it and when, and its"
            + " deletion; one page as JSON (follow nextCursor), or with Accept: text/csv the same page as CSV";

    /** The page of a history: its size and where it starts. */
    public static class HistoryPage {
        @QueryParam("limit")
        @DefaultValue("100")
        @Min(1)
        @Max(ListQuery.MAX_LIMIT)
        @Parameter(description = "Page size, at most " + ListQuery.MAX_LIMIT)
        public int limit;

        @QueryParam("cursor")
        @Parameter(description = "Opaque cursor from the previous page's nextCursor")
        public String cursor;
    }
}
