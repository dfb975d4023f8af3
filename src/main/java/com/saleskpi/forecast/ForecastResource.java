package com.saleskpi.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.saleskpi.common.CsvRows;
import com.saleskpi.kpi.ForecastView;
import com.saleskpi.security.CallerScopes;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The forecast of a rep or a team for a period, for BI tools: JSON, or CSV with Accept: text/csv. */
@Path("/api/v1/forecast")
@Tag(name = "Forecast", description = "Where a rep or a team will land in a month or fiscal quarter: quota, closed, open pipeline by"
        + " forecast category, weighted pipelines, calls and their roll-up")
public class ForecastResource {

    static final String SUMMARY = "The forecast of a rep or a team for a period";
    static final String DESCRIPTION = "For the owner (teamId or repId, exactly one) and each direct subordinate (the team's reps,"
            + " its sub-teams with theirs): quota (BOOKINGS targets), closed won, open commit, best case and pipeline closing in"
            + " the period, the stage- and history-weighted pipeline, the latest calls, the roll-up of the subordinates' calls"
            + " (adjustments applied), gap to quota, coverage and projected attainment. A rep sees their own, a manager those of"
            + " their teams and reps. JSON, or with Accept: text/csv one row per line, the owner first";

    private final ForecastView view;
    private final CallerScopes scopes;

    public ForecastResource(ForecastView view, CallerScopes scopes) {
        this.view = view;
        this.scopes = scopes;
    }

    public static class Parameters {
        @QueryParam("period")
        @Parameter(description = "A month (2026-11) or fiscal quarter (FY2027-Q1)", required = true, example = "FY2027-Q1")
        public String period;

        @QueryParam("teamId")
        @Parameter(description = "The team whose forecast it is (or repId)")
        public UUID teamId;

        @QueryParam("repId")
        @Parameter(description = "The rep whose forecast it is (or teamId)")
        public UUID repId;

        @QueryParam("currency")
        @Parameter(description = "ISO 4217 code of the currency amounts are answered in; the reporting currency when left out", example = "USD")
        public String currency;

        @QueryParam("callsAsOf")
        @Parameter(description = "The calls as they stood at this instant (ISO 8601, not in the future): the latest submitted by then; now when left out")
        public Instant callsAsOf;

        @QueryParam("historyPeriods")
        @DefaultValue("4")
        @Parameter(description = "How many periods (of the forecast's kind) before this one the history-weighted pipeline learns from, 1 to 12")
        public int historyPeriods;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getForecast", summary = SUMMARY, description = DESCRIPTION)
    public Uni<ForecastView.Forecast> forecast(@BeanParam Parameters query) {
        return scopes.current().chain(scope -> view.of(scope, query.period, query.teamId, query.repId, query.currency, query.callsAsOf,
                query.historyPeriods));
    }

    @JsonPropertyOrder({ "period", "currency", "line", "kind", "id", "name", "quota", "closedWon", "openCommit", "openBestCase", "openPipeline",
            "stageWeightedPipeline", "historyWeightedPipeline", "submittedCommit", "submittedBestCase", "rolledUpCommit", "rolledUpBestCase",
            "gapToQuota", "coverage", "projectedAttainment" })
    record LineRow(String period, String currency, String line, ForecastView.LineKind kind, UUID id, String name, BigDecimal quota,
            BigDecimal closedWon, BigDecimal openCommit, BigDecimal openBestCase, BigDecimal openPipeline, BigDecimal stageWeightedPipeline,
            BigDecimal historyWeightedPipeline, BigDecimal submittedCommit, BigDecimal submittedBestCase, BigDecimal rolledUpCommit,
            BigDecimal rolledUpBestCase, BigDecimal gapToQuota, BigDecimal coverage, BigDecimal projectedAttainment) {

        static LineRow of(ForecastView.Forecast forecast, String line, ForecastView.Line l) {
            return new LineRow(forecast.period(), forecast.currency(), line, l.kind(), l.id(), l.name(), l.quota(), l.closedWon(),
                    l.openCommit(), l.openBestCase(), l.openPipeline(), l.stageWeightedPipeline(), l.historyWeightedPipeline(),
                    l.submittedCommit(), l.submittedBestCase(), l.rolledUpCommit(), l.rolledUpBestCase(), l.gapToQuota(), l.coverage(),
                    l.projectedAttainment());
        }
    }

    @GET
    @Produces(CsvRows.CSV)
    @Operation(operationId = "getForecast", summary = SUMMARY, description = DESCRIPTION)
    public Uni<String> forecastCsv(@BeanParam Parameters query) {
        return forecast(query).map(forecast -> {
            List<LineRow> rows = new ArrayList<>();
            rows.add(LineRow.of(forecast, "OWNER", forecast.owner()));
            forecast.members().forEach(member -> rows.add(LineRow.of(forecast, "MEMBER", member)));
            return CsvRows.write(LineRow.class, rows);
        });
    }
}
