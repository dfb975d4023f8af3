package com.saleskpi.pricing;

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

@Path(CrudResource.API + CompetitorPriceService.COLLECTION)
@Tag(name = "Competitor prices", description = "Competitors' prices for products like ours, observed on a day")
public class CompetitorPriceResource extends CrudResource<CompetitorPrice> {

    public CompetitorPriceResource(CompetitorPriceService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("productId")
        public UUID productId;
        @QueryParam("competitor")
        public String competitor;
        @QueryParam("territoryId")
        public UUID territoryId;
        @QueryParam("observedFrom")
        public LocalDate observedFrom;
        @QueryParam("observedTo")
        public LocalDate observedTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("productId", productId).equal("competitor", competitor).equal("territoryId", territoryId)
                    .between("observedOn", observedFrom, observedTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("observedOn", "price", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listCompetitorPriceObservations", summary = "List competitor price observations", description = LIST_DESCRIPTION)
    public Uni<Page<CompetitorPrice>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listCompetitorPriceObservations", summary = "List competitor price observations", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, CompetitorPrice.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listCompetitorPriceObservations", summary = "List competitor price observations", description = LIST_DESCRIPTION)
    public Multi<CompetitorPrice> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
