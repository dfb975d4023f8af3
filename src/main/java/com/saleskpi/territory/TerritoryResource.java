package com.saleskpi.territory;

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

@Path(CrudResource.API + TerritoryService.COLLECTION)
@Tag(name = "Territories", description = "Sales territories and their sub-territories")
public class TerritoryResource extends CrudResource<Territory> {

    public TerritoryResource(TerritoryService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("parentId")
        public UUID parentId;
        @QueryParam("level")
        public Territory.TerritoryLevel level;
        @QueryParam("code")
        public String code;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("parentId", parentId).equal("level", level).equal("code", code);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("code", "name", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listTerritories", summary = "List territories", description = LIST_DESCRIPTION)
    public Uni<Page<Territory>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listTerritories", summary = "List territories", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, Territory.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listTerritories", summary = "List territories", description = LIST_DESCRIPTION)
    public Multi<Territory> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
