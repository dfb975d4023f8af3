package com.saleskpi.forecast;

import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.saleskpi.common.crud.Criteria;
import com.saleskpi.common.crud.ListQuery;
import com.saleskpi.common.crud.Page;
import com.saleskpi.common.crud.RecordResource;

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

/** Forecast submissions: created and read, never changed or deleted (a correction is a new submission). */
@Path(RecordResource.API + ForecastSubmissionService.COLLECTION)
@Tag(name = "Forecast submissions", description = "Forecast calls of reps and teams per period, and managers' adjustments;"
        + " every submission is a version that is never changed")
public class ForecastSubmissionResource extends RecordResource<ForecastSubmission> {

    public ForecastSubmissionResource(ForecastSubmissionService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("period")
        @Parameter(description = "A month (2026-11) or fiscal quarter (FY2027-Q1)")
        public String period;
        @QueryParam("repId")
        public UUID repId;
        @QueryParam("teamId")
        public UUID teamId;
        @QueryParam("adjustment")
        public Boolean adjustment;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("externalRef", externalRef).equal("period", period).equal("repId", repId).equal("teamId", teamId)
                    .equal("adjustment", adjustment);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("submittedAt", "periodStart", "commitAmount", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listForecastSubmissions", summary = "List forecast submissions", description = LIST_DESCRIPTION)
    public Uni<Page<ForecastSubmission>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listForecastSubmissions", summary = "List forecast submissions", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, ForecastSubmission.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listForecastSubmissions", summary = "List forecast submissions", description = LIST_DESCRIPTION)
    public Multi<ForecastSubmission> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
