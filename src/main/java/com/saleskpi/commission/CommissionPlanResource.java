package com.saleskpi.commission;

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

@Path(CrudResource.API + CommissionPlanService.COLLECTION)
@Tag(name = "Commission plans", description = "Reps' commission plans (base rate, accelerators above quota), set by admins; the KPIs"
        + " commission_earned and projected_commission compute what they pay")
public class CommissionPlanResource extends CrudResource<CommissionPlan> {

    public CommissionPlanResource(CommissionPlanService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("repId")
        public UUID repId;
        @QueryParam("periodFrom")
        @Parameter(description = "Plans whose period starts on or after this day")
        public LocalDate periodFrom;
        @QueryParam("periodTo")
        @Parameter(description = "Plans whose period ends on or before this day")
        public LocalDate periodTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("externalRef", externalRef).equal("repId", repId).between("periodStart", periodFrom, null)
                    .between("periodEnd", null, periodTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("periodStart", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listCommissionPlans", summary = "List commission plans", description = LIST_DESCRIPTION)
    public Uni<Page<CommissionPlan>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listCommissionPlans", summary = "List commission plans", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, CommissionPlan.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listCommissionPlans", summary = "List commission plans", description = LIST_DESCRIPTION)
    public Multi<CommissionPlan> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
