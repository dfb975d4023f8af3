package com.saleskpi.lead;

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

@Path(CrudResource.API + LeadService.COLLECTION)
@Tag(name = "Leads", description = "Leads through their lifecycle: lead, MQL, SQL, opportunity, customer")
public class LeadResource extends CrudResource<Lead> {

    public LeadResource(LeadService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("externalRef")
        public String externalRef;
        @QueryParam("ownerRepId")
        public UUID ownerRepId;
        @QueryParam("territoryId")
        public UUID territoryId;
        @QueryParam("channelId")
        public UUID channelId;
        @QueryParam("campaignId")
        public UUID campaignId;
        @QueryParam("accountId")
        public UUID accountId;
        @QueryParam("source")
        public Lead.LeadSource source;
        @QueryParam("stage")
        public Lead.LifecycleStage stage;
        @QueryParam("receivedFrom")
        public Instant receivedFrom;
        @QueryParam("receivedTo")
        public Instant receivedTo;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("externalRef", externalRef).equal("ownerRepId", ownerRepId).equal("territoryId", territoryId).equal("channelId", channelId)
                    .equal("campaignId", campaignId).equal("accountId", accountId).equal("source", source)
                    .equal("stage", stage).between("receivedAt", receivedFrom, receivedTo);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("receivedAt", "fullName", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listLeads", summary = "List leads", description = LIST_DESCRIPTION)
    public Uni<Page<Lead>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listLeads", summary = "List leads", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, Lead.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listLeads", summary = "List leads", description = LIST_DESCRIPTION)
    public Multi<Lead> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
