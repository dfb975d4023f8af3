package com.saleskpi.kpi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.database.ReadsAgain;
import com.saleskpi.database.ReplicaReads;
import com.saleskpi.database.RollupFamily;
import com.saleskpi.security.AccessRules;
import com.saleskpi.security.CallerScope;
import com.saleskpi.security.CallerScope.Role;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where a rep or a team will land in a forecast period: for the owner and each direct subordinate (the reps of the
 * team, its sub-teams with theirs), the quota, what is closed, the open pipeline closing in the period by forecast
 * category, the pipeline weighted by stage and by history, and the submitted calls with the roll-up of the
 * subordinates' calls. One statement, under the caller's row-level security.
 */
@ApplicationScoped
public class ForecastView {

    @Description("A rep, or a team with its sub-teams")
    public enum LineKind { REP, TEAM }

    @Description("One line of a forecast: a rep, or a team with its sub-teams. Amounts in the forecast's currency; null where"
            + " there is nothing to say (no quota, no call)")
    public record Line(@NonNull LineKind kind, @NonNull UUID id, String name,
            @Description("BOOKINGS targets overlapping the forecast period, pro-rated to the part it covers (TARGET_PRORATION): the"
                    + " rep's (REP); the team's own, or where it has none, its sub-teams' by the same rule (TEAM)") BigDecimal quota,
            @Description("Amounts of the deals won with a close day in the period") @NonNull BigDecimal closedWon,
            @Description("Amounts of the open deals in forecast category COMMIT expected to close in the period") @NonNull BigDecimal openCommit,
            @Description("Amounts of the open deals in forecast category BEST_CASE expected to close in the period") @NonNull BigDecimal openBestCase,
            @Description("Amounts of all open deals expected to close in the period") @NonNull BigDecimal openPipeline,
            @Description("Open pipeline, each deal weighted by its stage's fixed probability (10, 25, 50, 75 %)") @NonNull BigDecimal stageWeightedPipeline,
            @Description("Open pipeline, each deal weighted by the share of won among the closed deals of the owner's scope that were"
                    + " in its stage and closed in the last historyPeriods periods (the fixed probability where none did)") @NonNull BigDecimal historyWeightedPipeline,
            @Description("Latest commit call submitted for this rep or team (an adjustment, when it is the latest)") BigDecimal submittedCommit,
            @Description("Latest best-case call submitted for this rep or team") BigDecimal submittedBestCase,
            @Description("Teams: the calls of the direct subordinates summed, each rep's latest, each sub-team's own latest call or"
                    + " else its roll-up; null when none of them has a call") BigDecimal rolledUpCommit,
            @Description("Teams: the same roll-up of best-case calls") BigDecimal rolledUpBestCase,
            @Description("quota - closedWon: what remains to be closed") BigDecimal gapToQuota,
            @Description("openPipeline / (quota - closedWon); null without a quota or when it is reached") BigDecimal coverage,
            @Description("(closedWon + openCommit) / quota") BigDecimal projectedAttainment) {
    }

    @Description("A forecast: the owner's line and one for each direct subordinate")
    public record Forecast(@NonNull String period, @NonNull LocalDate periodStart, @NonNull LocalDate periodEnd,
            @NonNull String currency, @NonNull Instant callsAsOf, @NonNull Line owner, @NonNull List<@NonNull Line> members) {
    }

    /**
     * The lines (owner first), the deals of the owner's scope won in the period (the closed deals rollup, read as the KPIs
     * read it) and open and expected to close in it (the open deals monthly rollup: a forecast period is whole months),
     * summed per rep, team, stage and category before the lines take their share (a stage's weight applies to the sum)
     * and rounded once per line, as the KPIs are; what the closed deals of the last periods teach about each stage (the
     * closed deals monthly rollup), the latest calls, and per team line the walk of its roll-up: down through the
     * sub-teams without a call of their own.
     */
    private static String forecast(boolean inAnotherCurrency) {
        return """
            with recursive subtree(root, id) as (
                select t.id, t.id from team t where t.id = :owner_team or t.parent_id = :owner_team
                union all
                select s.root, c.id from subtree s join team c on c.parent_id = s.id),
            lines as (
                select 0 as position, 'REP' as kind, r.id, r.full_name as name from sales_rep r where r.id = :owner_rep
                union all
                select 0, 'TEAM', t.id, t.name from team t where t.id = :owner_team
                union all
                select 1, 'REP', r.id, r.full_name from sales_rep r where r.team_id = :owner_team
                union all
                select 2, 'TEAM', t.id, t.name from team t where t.parent_id = :owner_team),
            deals as (
                select d.rep_id, d.team_id, 'CLOSED_WON' as stage, 'CLOSED' as forecast_category, true as won, sum(d.won_amount) as amount
                from %1$s d
                where d.day between :period_start and :period_end
                  and (d.rep_id = :owner_rep or d.team_id = any(array(select id from subtree where root = :owner_team)))
                group by 1, 2
                union all
                select o.rep_id, o.team_id, o.stage, o.forecast_category, false, sum(%2$s)
                from open_deals_monthly o%3$s
                where o.day between :period_start and :period_end
                  and (o.rep_id = :owner_rep or o.team_id = any(array(select id from subtree where root = :owner_team)))
                group by 1, 2, 3, 4),
            learnt as (
                select s.stage, s.won::numeric / nullif(s.closed, 0) as probability
                from %11$s),
            calls as (
                select distinct on (coalesce(f.rep_id, f.team_id)) f.rep_id, f.team_id,
                       round(%4$s, :decimals) as commit_call, round(%5$s, :decimals) as best_case_call
                from forecast_submission f%6$s
                where f.period_start = :period_start and f.period_end = :period_end and f.submitted_at <= :calls_as_of
                order by coalesce(f.rep_id, f.team_id), f.submitted_at desc, f.id desc),
            walk(root, id) as (
                select l.id, l.id from lines l where l.kind = 'TEAM'
                union all
                select w.root, c.id from walk w join team c on c.parent_id = w.id
                where not exists (select 1 from calls k where k.team_id = c.id)),
            rolled_up as (
                select w.root, sum(k.commit_call) as commit_call, sum(k.best_case_call) as best_case_call
                from walk w
                join calls k on k.rep_id in (select r.id from sales_rep r where r.team_id = w.id)
                             or k.team_id in (select c.id from team c where c.parent_id = w.id)
                group by w.root),
            quotas as (
                select l.id, round(sum(%7$s), :decimals) as quota
                from lines l
                join target t on t.metric = 'BOOKINGS' and t.period_start <= :period_end and t.period_end >= :period_start
                 and (l.kind = 'REP' and t.scope = 'REP' and t.rep_id = l.id
                      or l.kind = 'TEAM' and t.scope = 'TEAM' and t.team_id in (select id from subtree where root = l.id)
                         and not %10$s)%8$s
                group by l.id),
            totals as (
                select l.position, l.kind, l.id, l.name,
                       coalesce(round(sum(d.amount) filter (where d.won), :decimals), 0) as closed_won,
                       coalesce(round(sum(d.amount) filter (where not d.won and d.forecast_category = 'COMMIT'), :decimals), 0) as open_commit,
                       coalesce(round(sum(d.amount) filter (where not d.won and d.forecast_category = 'BEST_CASE'), :decimals), 0) as open_best_case,
                       coalesce(round(sum(d.amount) filter (where not d.won), :decimals), 0) as open_pipeline,
                       coalesce(round(sum(d.amount * %9$s) filter (where not d.won), :decimals), 0) as stage_weighted,
                       coalesce(round(sum(d.amount * coalesce(h.probability, %9$s)) filter (where not d.won), :decimals), 0) as history_weighted
                from lines l
                left join deals d on case when l.kind = 'REP' then d.rep_id = l.id
                                          else d.team_id in (select id from subtree where root = l.id) end
                left join learnt h on h.stage = d.stage
                group by l.position, l.kind, l.id, l.name)
            select t.*, q.quota, k.commit_call, k.best_case_call, u.commit_call as rolled_up_commit, u.best_case_call as rolled_up_best_case
            from totals t
            left join quotas q on q.id = t.id
            left join calls k on case when t.kind = 'REP' then k.rep_id = t.id else k.team_id = t.id end
            left join rolled_up u on u.root = t.id
            order by t.position, t.name, t.id""".formatted(
            RollupSql.inRequestedCurrency(new RollupSql.Parts(inAnotherCurrency, false, Set.of(), null), RollupFamily.DEALS_CLOSED,
                    "d.day, d.team_id, d.rep_id", "won_amount", "deals_unrated"),
            Rates.OPEN_DEAL_AT_PERIOD_END.convert("o.amount"), Rates.OPEN_DEAL_AT_PERIOD_END.joins(),
            Rates.SUBMISSION_DAY.convert("f.commit_amount"), Rates.SUBMISSION_DAY.convert("f.best_case_amount"), Rates.SUBMISSION_DAY.joins(),
            FactSource.prorated("t", Rates.TARGET_AT_PERIOD_END.convert("t.value"), ":period_start", ":period_end"),
            Rates.TARGET_AT_PERIOD_END.joins(), Measures.stageProbability("d.stage"),
            FactSource.coveredByAnAncestorsTarget("t", "array(select id from subtree where root = l.id)"), Measures.closedAfterEachStage("deals_closed_monthly c where c.day between :learn_from and :period_start - 1"
                    + " and (c.rep_id = :owner_rep or c.team_id in (select id from subtree where root = :owner_team))"));
    }

    /** The statement when the forecast is in the reporting currency, and when it is in another one (RollupSql#inRequestedCurrency). */
    private static final String FORECAST = forecast(false);
    private static final String FORECAST_IN_ANOTHER_CURRENCY = forecast(true);

    private final ReplicaReads reads;
    private final AccessRules rules;
    private final ReportingSettings reporting;
    private final Clock clock = Clock.systemUTC();

    ForecastView(ReplicaReads reads, AccessRules rules, KpiSettings settings) {
        this.reads = reads;
        this.rules = rules;
        this.reporting = ReportingSettings.of(settings);
    }

    /**
     * The forecast of a rep or a team (exactly one) for a period; the calls as they stood at callsAsOf (now when null);
     * the stage probabilities learnt from the deals closed in the historyPeriods periods before this one.
     */
    public Uni<Forecast> of(CallerScope scope, String periodName, UUID teamId, UUID repId, String currencyCode, Instant callsAsOf,
            int historyPeriods) {
        ForecastPeriod period = ForecastPeriod.parse(periodName, reporting.fiscalCalendar())
                .orElseThrow(() -> ProblemException.invalidParameter("period", ForecastPeriod.expected(periodName)));
        if ((teamId == null) == (repId == null)) {
            throw ProblemException.invalidParameter(teamId == null ? "teamId" : "repId", "exactly one of teamId and repId names whose forecast it is");
        }
        if (historyPeriods < 1 || historyPeriods > 12) {
            throw ProblemException.invalidParameter("historyPeriods", "must be 1 to 12, not " + historyPeriods);
        }
        Instant asOf = callsAsOf == null ? clock.instant() : callsAsOf;
        if (asOf.isAfter(clock.instant())) {
            throw ProblemException.invalidParameter("callsAsOf", "must not lie in the future: " + callsAsOf);
        }
        checkInScope(scope, teamId, repId);
        Currency currency = reporting.answerCurrency(currencyCode);
        ForecastPeriod learnFrom = period;
        for (int i = 0; i < historyPeriods; i++) {
            learnFrom = learnFrom.previous(reporting.fiscalCalendar());
        }
        KpiSql sql = new KpiSql();
        Map.<String, Object>of("period_start", period.start(), "period_end", period.end(), "learn_from", learnFrom.start(),
                "calls_as_of", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC), "currency", currency.getCurrencyCode(),
                "rates_base", reporting.currency().getCurrencyCode(), "decimals", currency.getDefaultFractionDigits())
                .forEach(sql::name);
        sql.name("target_proration", reporting.targetProration().name());
        sql.name("owner_team", teamId);
        sql.name("owner_rep", repId);
        // the won deals' daily rows in other currencies are read between :from and :to
        sql.name("from", period.start());
        sql.name("to", period.end());
        KpiSql.Statement statement = sql.statement(currency.equals(reporting.currency()) ? FORECAST : FORECAST_IN_ANOTHER_CURRENCY);
        return reads.route().read(pool -> ReadsAgain.onLostConnection(rules.query(pool, scope, statement.sql(),
                Tuple.from(statement.parameters()))))
                .map(rows -> forecast(rows, period, currency, asOf, teamId == null ? "repId" : "teamId"));
    }

    /**
     * The members a caller's KPIs may name (KpiAccess#visibleKeys), but never a team for a rep: a team's forecast shows
     * each of its reps' lines. So a rep sees their own forecast, a manager those of the teams they manage and of their
     * reps (403 otherwise).
     */
    private static void checkInScope(CallerScope scope, UUID teamId, UUID repId) {
        UUID owner = repId != null ? repId : teamId;
        List<String> visible = KpiAccess.visibleKeys(scope, repId != null ? Dimension.REP : Dimension.TEAM);
        boolean allowed = visible == null || owner.equals(scope.repId())
                || !(scope.role() == Role.REP && teamId != null) && visible.contains(owner.toString());
        if (!allowed) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The forecast of " + (repId != null ? "rep " + repId : "team " + teamId)
                    + " is outside your scope");
        }
    }

    private static Forecast forecast(Iterable<Row> rows, ForecastPeriod period, Currency currency, Instant asOf, String ownerParameter) {
        Line owner = null;
        List<Line> members = new ArrayList<>();
        for (Row row : rows) {
            Line line = line(row);
            if (row.getInteger("position") == 0) {
                owner = line;
            } else {
                members.add(line);
            }
        }
        if (owner == null) {
            throw ProblemException.invalidParameter(ownerParameter, "names no " + (ownerParameter.equals("repId") ? "rep" : "team"));
        }
        return new Forecast(period.name(), period.start(), period.end(), currency.getCurrencyCode(), asOf, owner, members);
    }

    private static Line line(Row row) {
        BigDecimal quota = row.getBigDecimal("quota");
        BigDecimal closedWon = row.getBigDecimal("closed_won");
        BigDecimal openCommit = row.getBigDecimal("open_commit");
        BigDecimal openPipeline = row.getBigDecimal("open_pipeline");
        BigDecimal gap = quota == null ? null : quota.subtract(closedWon);
        return new Line(LineKind.valueOf(row.getString("kind")), row.getUUID("id"), row.getString("name"), quota, closedWon, openCommit,
                row.getBigDecimal("open_best_case"), openPipeline, row.getBigDecimal("stage_weighted"), row.getBigDecimal("history_weighted"),
                row.getBigDecimal("commit_call"), row.getBigDecimal("best_case_call"), row.getBigDecimal("rolled_up_commit"),
                row.getBigDecimal("rolled_up_best_case"), gap, coverage(openPipeline, quota, closedWon),
                projectedAttainment(closedWon, openCommit, quota));
    }

    /** Open pipeline over what remains to close of the quota: null without a quota, or once it is reached. */
    private static BigDecimal coverage(BigDecimal openPipeline, BigDecimal quota, BigDecimal closedWon) {
        if (quota == null || quota.compareTo(closedWon) <= 0) {
            return null;
        }
        return openPipeline.divide(quota.subtract(closedWon), MathContext.DECIMAL64);
    }

    /** What is won plus what is committed, over the quota: null without a (positive) quota. */
    private static BigDecimal projectedAttainment(BigDecimal closedWon, BigDecimal openCommit, BigDecimal quota) {
        if (quota == null || quota.signum() <= 0) {
            return null;
        }
        return closedWon.add(openCommit).divide(quota, MathContext.DECIMAL64);
    }
}
