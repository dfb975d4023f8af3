package com.saleskpi.currency;

import java.time.LocalDate;
import java.util.Set;

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

@Path(CrudResource.API + ExchangeRateService.COLLECTION)
@Tag(name = "Exchange rates", description = "Dated reference rates against the reporting currency, which money KPIs convert with")
public class ExchangeRateResource extends CrudResource<ExchangeRate> {

    public ExchangeRateResource(ExchangeRateService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("currency")
        public String currency;
        @QueryParam("rateFrom")
        public LocalDate rateFrom;
        @QueryParam("rateTo")
        public LocalDate rateTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("externalRef", externalRef).equal("currency", currency).between("rateDate", rateFrom, rateTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("currency", "rateDate", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listExchangeRates", summary = "List exchange rates", description = LIST_DESCRIPTION)
    public Uni<Page<ExchangeRate>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listExchangeRates", summary = "List exchange rates", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, ExchangeRate.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listExchangeRates", summary = "List exchange rates", description = LIST_DESCRIPTION)
    public Multi<ExchangeRate> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
