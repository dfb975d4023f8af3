package com.saleskpi.opportunity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.saleskpi.common.crud.CrudResource;
import com.saleskpi.common.problem.DatabaseErrors;
import com.saleskpi.database.PooledStatements;
import com.saleskpi.opportunity.Opportunity.DealStage;
import com.saleskpi.opportunity.Opportunity.ForecastCategory;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The forecast category of each stage, which a deal is in unless its owner sets another (Opportunity#forecastCategory):
 * every role reads it, admins change it, and the deals that follow their stage move with it (R__forecast_categories.sql).
 */
@Path(CrudResource.API + "forecast-categories")
@Tag(name = "Forecast categories", description = "The forecast category each stage puts its deals in")
@Produces(MediaType.APPLICATION_JSON)
public class ForecastCategoryResource {

    @Schema(name = "StageForecastCategory", description = "The forecast category a stage puts its deals in")
    public record StageCategory(@Schema(required = true) DealStage stage, @Schema(required = true) ForecastCategory category,
            @Schema(required = true) Instant updatedAt, @Schema(description = "Who last changed it; absent for the shipped default") String updatedBy) {
    }

    @Schema(name = "ForecastCategoryChange")
    public record CategoryChange(@NotNull ForecastCategory category) {
    }

    private static final String COLUMNS = "stage, category, updated_at, updated_by";

    private final Pool pool;
    private final SecurityIdentity identity;

    public ForecastCategoryResource(Pool pool, SecurityIdentity identity) {
        this.pool = pool;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "listForecastCategories", summary = "The forecast category of each stage")
    public Uni<List<StageCategory>> list() {
        return PooledStatements.execute(pool, "select " + COLUMNS + " from forecast_category_mapping order by array_position(array"
                + "['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST'], stage::text)")
                .map(rows -> {
                    List<StageCategory> categories = new ArrayList<>();
                    rows.forEach(row -> categories.add(of(row)));
                    return categories;
                });
    }

    @PUT
    @Path("{stage}")
    @RolesAllowed("admin")
    @Operation(operationId = "setForecastCategory", summary = "Sets the forecast category of a stage (admins)",
            description = "The deals in that stage whose category follows it move to the new one, in the same transaction")
    public Uni<StageCategory> set(@PathParam("stage") DealStage stage, @Valid @NotNull CategoryChange change) {
        return pool.withTransaction(connection -> connection.preparedQuery("update forecast_category_mapping set category = $2,"
                + " updated_at = now(), updated_by = $3 where stage = $1 returning " + COLUMNS)
                .execute(Tuple.of(stage.name(), change.category().name(), identity.getPrincipal().getName())))
                .map(rows -> of(rows.iterator().next()))
                .onFailure().transform(DatabaseErrors::translate);
    }

    private static StageCategory of(Row row) {
        return new StageCategory(DealStage.valueOf(row.getString("stage")), ForecastCategory.valueOf(row.getString("category")),
                row.getOffsetDateTime("updated_at").toInstant(), row.getString("updated_by"));
    }
}
