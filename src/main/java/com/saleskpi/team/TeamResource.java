package com.saleskpi.team;

import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.saleskpi.common.crud.CrudResource;
import com.saleskpi.common.crud.Criteria;
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

@Path(CrudResource.API + TeamService.COLLECTION)
@Tag(name = "Teams", description = "Sales teams, their managers and sub-teams")
public class TeamResource extends CrudResource<Team> {

    public TeamResource(TeamService service) {
        super(service);
    }

    public static class Query extends ListQuery {
        @QueryParam("parentId")
        public UUID parentId;
        @QueryParam("managerId")
        public UUID managerId;
        @QueryParam("name")
        public String name;

        @Override
        public void where(Criteria criteria) {
            criteria.equal("parentId", parentId).equal("managerId", managerId).contains("name", name);
        }

        @Override
        public Set<String> sortableFields() {
            return Set.of("name", "createdAt", "updatedAt");
        }
    }

    @GET
    @Operation(operationId = "listTeams", summary = "List teams", description = LIST_DESCRIPTION)
    public Uni<Page<Team>> list(@Valid @BeanParam Query query, @Context UriInfo uri) {
        return page(query, uri);
    }

    @GET
    @Produces(CSV_LOW_PRIORITY)
    @Operation(operationId = "listTeams", summary = "List teams", description = LIST_DESCRIPTION)
    public Multi<String> exportCsv(@Valid @BeanParam Query query) {
        return csv(query, Team.class);
    }

    @GET
    @Produces(NDJSON_LOW_PRIORITY)
    @Operation(operationId = "listTeams", summary = "List teams", description = LIST_DESCRIPTION)
    public Multi<Team> exportNdjson(@Valid @BeanParam Query query) {
        return ndjson(query);
    }
}
