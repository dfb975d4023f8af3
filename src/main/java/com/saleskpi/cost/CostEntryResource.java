package com.saleskpi.cost;

import java.time.LocalDate;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

@Path(CrudResource.API + CostEntryService.COLLECTION)
@Tag(name = "Costs", description = "Sales and marketing costs by team, campaign and kind (for CAC and cost per lead)")
public class CostEntryResource extends CrudResource<CostEntry> {

    public CostEntryResource(CostEntryService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("kind")
        public CostEntry.CostKind kind;
        @QueryParam("category")
        public CostEntry.CostCategory category;
        @QueryParam("campaignId")
        public UUID campaignId;
        @QueryParam("teamId")
        public UUID teamId;
        @QueryParam("incurredFrom")
        public LocalDate incurredFrom;
        @QueryParam("incurredTo")
        public LocalDate incurredTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("externalRef", externalRef).equal("kind", kind).equal("category", category).equal("campaignId", campaignId)
                    .equal("teamId", teamId).between("incurredOn", incurredFrom, incurredTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("incurredOn", "amount", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listCostEntries", summary = "List cost entries", description = LIST_DESCRIPTION)
    public Uni<Page<CostEntry>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listCostEntries", summary = "List cost entries", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, CostEntry.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listCostEntries", summary = "List cost entries", description = LIST_DESCRIPTION)
    public Multi<CostEntry> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
