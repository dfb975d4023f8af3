package com.saleskpi.campaign;

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

@Path(CrudResource.API + CampaignService.COLLECTION)
@Tag(name = "Campaigns", description = "Marketing campaigns and their channels; their costs are cost entries")
public class CampaignResource extends CrudResource<Campaign> {

    public CampaignResource(CampaignService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("channelId")
        public UUID channelId;
        @QueryParam("startsFrom")
        public LocalDate startsFrom;
        @QueryParam("startsTo")
        public LocalDate startsTo;
        @QueryParam("name")
        public String name;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("channelId", channelId).between("startsOn", startsFrom, startsTo).contains("name", name);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("name", "startsOn", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listCampaigns", summary = "List campaigns", description = LIST_DESCRIPTION)
    public Uni<Page<Campaign>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listCampaigns", summary = "List campaigns", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, Campaign.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listCampaigns", summary = "List campaigns", description = LIST_DESCRIPTION)
    public Multi<Campaign> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
