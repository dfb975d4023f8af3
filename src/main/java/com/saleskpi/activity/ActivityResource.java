package com.saleskpi.activity;

import java.time.Instant;
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

@Path(CrudResource.API + ActivityService.COLLECTION)
@Tag(name = "Activities", description = "Sales touches (calls, emails, meetings, demos, proposals, visits, social) and their outcomes")
public class ActivityResource extends CrudResource<Activity> {

    public ActivityResource(ActivityService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("repId")
        public UUID repId;
        @QueryParam("leadId")
        public UUID leadId;
        @QueryParam("accountId")
        public UUID accountId;
        @QueryParam("opportunityId")
        public UUID opportunityId;
        @QueryParam("type")
        public Activity.ActivityType type;
        @QueryParam("outcome")
        public Activity.ActivityOutcome outcome;
        @QueryParam("occurredFrom")
        public Instant occurredFrom;
        @QueryParam("occurredTo")
        public Instant occurredTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("externalRef", externalRef).equal("repId", repId).equal("leadId", leadId).equal("accountId", accountId)
                    .equal("opportunityId", opportunityId).equal("type", type).equal("outcome", outcome)
                    .between("occurredAt", occurredFrom, occurredTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("occurredAt", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listActivities", summary = "List activities", description = LIST_DESCRIPTION)
    public Uni<Page<Activity>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listActivities", summary = "List activities", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, Activity.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listActivities", summary = "List activities", description = LIST_DESCRIPTION)
    public Multi<Activity> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
