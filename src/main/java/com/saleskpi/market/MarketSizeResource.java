package com.saleskpi.market;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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

@Path(CrudResource.API + MarketSizeService.COLLECTION)
@Tag(name = "Market sizes", description = "Total sales of markets (territory, category, period), reference data for market_share")
public class MarketSizeResource extends CrudResource<MarketSize> {

    public MarketSizeResource(MarketSizeService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("territoryId")
        public UUID territoryId;
        @QueryParam("category")
        public String category;
        @QueryParam("periodFrom")
        @Parameter(description = "Sizes whose period starts on or after this day")
        public LocalDate periodFrom;
        @QueryParam("periodTo")
        @Parameter(description = "Sizes whose period ends on or before this day")
        public LocalDate periodTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("externalRef", externalRef).equal("territoryId", territoryId).equal("category", category)
                    .between("periodStart", periodFrom, null)
                    .between("periodEnd", null, periodTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("periodStart", "amount", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listMarketSizes", summary = "List market sizes", description = LIST_DESCRIPTION)
    public Uni<Page<MarketSize>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listMarketSizes", summary = "List market sizes", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, MarketSize.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listMarketSizes", summary = "List market sizes", description = LIST_DESCRIPTION)
    public Multi<MarketSize> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
