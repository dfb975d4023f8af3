package com.saleskpi.kpi;

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

@Path(CrudResource.API + CustomKpiService.COLLECTION)
@Tag(name = "Custom KPIs", description = "KPIs defined through the API as formulas over named measures; admins and analysts"
        + " write them, everyone reads them, and every KPI query answers them like the built-in ones")
public class CustomKpiResource extends CrudResource<CustomKpi> {

    public CustomKpiResource(CustomKpiService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("name")
        public String name;

        @Override
        public void where(Criteria criteria) {
            criteria.contains("name", name);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("name", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listCustomKpis", summary = "List custom KPIs", description = LIST_DESCRIPTION)
    public Uni<Page<CustomKpi>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listCustomKpis", summary = "List custom KPIs", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, CustomKpi.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listCustomKpis", summary = "List custom KPIs", description = LIST_DESCRIPTION)
    public Multi<CustomKpi> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
