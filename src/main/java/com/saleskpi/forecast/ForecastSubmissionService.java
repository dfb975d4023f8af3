package com.saleskpi.forecast;

import java.time.Instant;
import java.time.ZoneOffset;

import com.saleskpi.common.crud.CrudService;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.kpi.FiscalCalendar;
import com.saleskpi.kpi.ForecastPeriod;
import com.saleskpi.kpi.KpiSettings;
import com.saleskpi.security.CallerScope;
import com.saleskpi.security.CallerScope.Role;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * Forecast submissions, within the caller's scope (CrudService): created and read, never changed. The period names its
 * days through the fiscal calendar; who submitted and when are the caller and the server's clock, except for admins,
 * who may import past submissions with theirs.
 */
@Singleton
public class ForecastSubmissionService extends CrudService<ForecastSubmission> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "forecast-submissions";

    private final FiscalCalendar fiscal;
    private final String reportingCurrency;

    public ForecastSubmissionService(CrudSupport support, KpiSettings settings) {
        super(ForecastSubmission.class, "forecast submission", COLLECTION, support);
        this.fiscal = settings.fiscalCalendar();
        this.reportingCurrency = settings.reportingCurrency();
    }

    /** A correction is a new version: the latest of a rep or team for a period is its call. */
    @Override
    public boolean immutable() {
        return true;
    }

    @Override
    protected void beforeSave(ForecastSubmission previous, ForecastSubmission next, CallerScope scope) {
        ForecastPeriod period = ForecastPeriod.parse(next.period, fiscal)
                .orElseThrow(() -> ProblemException.invalidField("period", ForecastPeriod.expected(next.period)));
        next.periodStart = period.start();
        next.periodEnd = period.end();
        if (next.currency == null) {
            next.currency = reportingCurrency;
        }
        if (scope.role() != Role.ADMIN) {
            next.submittedAt = Instant.now();
            next.submittedByRepId = scope.repId();
        } else if (next.submittedAt == null) {
            next.submittedAt = Instant.now();
        }
        if (next.submittedAt.isAfter(Instant.now())) {
            throw ProblemException.invalidField("submittedAt", "must not be in the future");
        }
        if (!next.submittedAt.isBefore(period.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
            throw ProblemException.invalidField("period", "had ended when the submission was made (" + next.submittedAt
                    + "): a call is for a period not over yet");
        }
    }

    /** A row sent again reads as unchanged: what the service derived (period days, defaults) is the stored record's. */
    @Override
    protected void keepDerived(ForecastSubmission stored, ForecastSubmission candidate) {
        candidate.periodStart = stored.periodStart;
        candidate.periodEnd = stored.periodEnd;
        candidate.adjustment = stored.adjustment;
        if (candidate.currency == null) {
            candidate.currency = stored.currency;
        }
        if (candidate.submittedAt == null) {
            candidate.submittedAt = stored.submittedAt;
        }
        if (candidate.submittedByRepId == null) {
            candidate.submittedByRepId = stored.submittedByRepId;
        }
    }

    /** Whether a version is an adjustment is the database's (R__forecast_submissions.sql): read back what it set. */
    @Override
    protected Uni<Void> afterWrite(ForecastSubmission saved) {
        return store.session().chain(session -> session.refresh(saved));
    }
}
