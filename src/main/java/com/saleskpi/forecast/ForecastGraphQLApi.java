package com.saleskpi.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import com.saleskpi.common.problem.GraphQLProblems;
import com.saleskpi.kpi.ForecastView;
import com.saleskpi.security.CallerScopes;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;

/** Forecasts over GraphQL: read one, and submit a call (as POST /api/v1/forecast-submissions does). */
@GraphQLApi
@RolesAllowed({ "admin", "sales-manager", "sales-rep", "analyst" })
public class ForecastGraphQLApi {

    private final ForecastView view;
    private final ForecastSubmissionService submissions;
    private final CallerScopes scopes;

    public ForecastGraphQLApi(ForecastView view, ForecastSubmissionService submissions, CallerScopes scopes) {
        this.view = view;
        this.submissions = submissions;
        this.scopes = scopes;
    }

    @Description("A forecast call to submit: a rep's own (repId), a manager's for a team (teamId), or a manager's adjustment of a"
            + " subordinate's call (with a note saying why)")
    public record ForecastCallInput(@NonNull @Description("A month (2026-11) or fiscal quarter (FY2027-Q1)") String period,
            UUID repId, UUID teamId, @NonNull BigDecimal commitAmount, @NonNull BigDecimal bestCaseAmount,
            @Description("ISO 4217 code; the reporting currency when left out") String currency, String note) {

        ForecastSubmission toEntity() {
            ForecastSubmission submission = new ForecastSubmission();
            submission.period = period;
            submission.repId = repId;
            submission.teamId = teamId;
            submission.commitAmount = commitAmount;
            submission.bestCaseAmount = bestCaseAmount;
            submission.currency = currency;
            submission.note = note;
            return submission;
        }
    }

    @Description("A submitted forecast call (a version that is never changed)")
    public record ForecastCall(@NonNull UUID id, @NonNull String period, @NonNull LocalDate periodStart, @NonNull LocalDate periodEnd,
            UUID repId, UUID teamId, @NonNull BigDecimal commitAmount, @NonNull BigDecimal bestCaseAmount, @NonNull String currency,
            String note, @NonNull Instant submittedAt, UUID submittedByRepId, String submittedBy, boolean adjustment) {

        static ForecastCall of(ForecastSubmission s) {
            return new ForecastCall(s.id, s.period, s.periodStart, s.periodEnd, s.repId, s.teamId, s.commitAmount, s.bestCaseAmount,
                    s.currency, s.note, s.submittedAt, s.submittedByRepId, s.createdBy, s.adjustment);
        }
    }

    @Query("forecast")
    @Description(ForecastResource.DESCRIPTION)
    public Uni<ForecastView.@NonNull Forecast> forecast(@Name("period") @NonNull String period, @Name("teamId") UUID teamId,
            @Name("repId") UUID repId, @Name("currency") String currency, @Name("callsAsOf") Instant callsAsOf,
            @Name("historyPeriods") @DefaultValue("4") int historyPeriods) {
        return answer(scopes.current().chain(scope -> view.of(scope, period, teamId, repId, currency, callsAsOf, historyPeriods)));
    }

    @Mutation("submitForecast")
    @Description("Submits a forecast call, as POST /api/v1/forecast-submissions does; with an idempotencyKey, a retry stores nothing twice")
    public Uni<@NonNull ForecastCall> submitForecast(@Name("call") @NonNull ForecastCallInput call,
            @Name("idempotencyKey") String idempotencyKey) {
        return answer(Uni.createFrom().item(call::toEntity).invoke(submissions::validate)
                .chain(entity -> submissions.create(entity, idempotencyKey)).map(created -> ForecastCall.of(created.entity())));
    }

    private static <T> Uni<T> answer(Uni<T> result) {
        return result.onFailure().transform(GraphQLProblems::of);
    }
}
