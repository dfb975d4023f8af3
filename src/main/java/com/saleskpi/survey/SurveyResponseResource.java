package com.saleskpi.survey;

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

@Path(CrudResource.API + SurveyResponseService.COLLECTION)
@Tag(name = "Survey responses", description = "NPS and eNPS answers")
public class SurveyResponseResource extends CrudResource<SurveyResponse> {

    public SurveyResponseResource(SurveyResponseService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("survey")
        public SurveyResponse.SurveyType survey;
        @QueryParam("accountId")
        public UUID accountId;
        @QueryParam("repId")
        public UUID repId;
        @QueryParam("respondedFrom")
        public Instant respondedFrom;
        @QueryParam("respondedTo")
        public Instant respondedTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("externalRef", externalRef).equal("survey", survey).equal("accountId", accountId).equal("repId", repId)
                    .between("respondedAt", respondedFrom, respondedTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("respondedAt", "score", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listSurveyResponses", summary = "List survey responses", description = LIST_DESCRIPTION)
    public Uni<Page<SurveyResponse>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listSurveyResponses", summary = "List survey responses", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, SurveyResponse.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listSurveyResponses", summary = "List survey responses", description = LIST_DESCRIPTION)
    public Multi<SurveyResponse> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
