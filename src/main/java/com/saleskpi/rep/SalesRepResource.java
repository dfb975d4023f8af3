package com.saleskpi.rep;

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

@Path(CrudResource.API + SalesRepService.COLLECTION)
@Tag(name = "Sales reps", description = "Sales reps, their teams and the claim that ties a token to them (externalId)")
public class SalesRepResource extends CrudResource<SalesRep> {

    public SalesRepResource(SalesRepService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("teamId")
        public UUID teamId;
        @QueryParam("territoryId")
        public UUID territoryId;
        @QueryParam("role")
        public SalesRep.RepRole role;
        @QueryParam("employed")
        @Parameter(description = "true: only reps without a leave date; false: only those who left")
        public Boolean employed;
        @QueryParam("name")
        public String name;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("teamId", teamId).equal("territoryId", territoryId).equal("role", role)
                    .contains("fullName", name).empty("leaveDate", employed);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("fullName", "email", "hireDate", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listSalesReps", summary = "List sales reps", description = LIST_DESCRIPTION)
    public Uni<Page<SalesRep>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listSalesReps", summary = "List sales reps", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, SalesRep.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listSalesReps", summary = "List sales reps", description = LIST_DESCRIPTION)
    public Multi<SalesRep> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
