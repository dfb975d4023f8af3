package com.saleskpi.target;

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

@Path(CrudResource.API + TargetService.COLLECTION)
@Tag(name = "Targets", description = "Targets and quotas of a rep, team or territory for a metric over a period")
public class TargetResource extends CrudResource<Target> {

    public TargetResource(TargetService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("scope")
        public Target.TargetScope scope;
        @QueryParam("metric")
        public Target.TargetMetric metric;
        @QueryParam("kpi")
        public String kpi;
        @QueryParam("customKpiId")
        public UUID customKpiId;
        @QueryParam("repId")
        public UUID repId;
        @QueryParam("teamId")
        public UUID teamId;
        @QueryParam("territoryId")
        public UUID territoryId;
        @QueryParam("periodFrom")
        @Parameter(description = "Targets whose period starts on or after this day")
        public LocalDate periodFrom;
        @QueryParam("periodTo")
        @Parameter(description = "Targets whose period ends on or before this day")
        public LocalDate periodTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("scope", scope).equal("metric", metric).equal("kpi", kpi).equal("customKpiId", customKpiId)
                    .equal("repId", repId).equal("teamId", teamId)
                    .equal("territoryId", territoryId).between("periodStart", periodFrom, null)
                    .between("periodEnd", null, periodTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("periodStart", "value", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listTargets", summary = "List targets", description = LIST_DESCRIPTION)
    public Uni<Page<Target>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listTargets", summary = "List targets", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, Target.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listTargets", summary = "List targets", description = LIST_DESCRIPTION)
    public Multi<Target> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
