package com.saleskpi.kpi;

import java.time.Duration;
import java.util.concurrent.TimeUnit;


import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.inject.Singleton;

/**
 * Bounds KPI work before any of it runs. A request's cost is KPIs x buckets x members x fact sources (one unit is one
 * KPI value of one bucket and one member, read from one fact source; a breakdown is priced at
 * {@value #BREAKDOWN_MEMBERS} members). A request, all its GraphQL fields together, may cost at most the request
 * budget (else 422); a caller may spend at most the per-minute allowance, refilled continuously (else 429 with
 * Retry-After; 0 lifts the per-caller limit).
 */
@Singleton
public class KpiBudget {

    static final int BREAKDOWN_MEMBERS = 25;
    /** Bucket4j refills at most one unit per nanosecond. */
    private static final long MAX_PER_MINUTE = 60_000_000_000L;

    private final long requestBudget;
    private final long perMinute;
    private final Cache<String, Bucket> callers;

    @jakarta.inject.Inject
    public KpiBudget(KpiSettings settings) {
        this(settings.requestBudget(), settings.callerBudgetPerMinute());
    }

    KpiBudget(long requestBudget, long perMinute) {
        if (perMinute > MAX_PER_MINUTE) {
            throw new IllegalArgumentException("saleskpi.kpi.caller-budget-per-minute is " + perMinute + "; at most " + MAX_PER_MINUTE
                    + " (one unit per nanosecond), or 0 for no per-caller limit");
        }
        this.requestBudget = requestBudget;
        this.perMinute = perMinute;
        this.callers = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();
    }

    static long cost(int kpis, int buckets, boolean breakdown, int factSources) {
        return (long) kpis * buckets * (breakdown ? BREAKDOWN_MEMBERS : 1) * factSources;
    }

    /**
     * Charges a cost to the request (spent so far: what its earlier fields cost) and to the caller; refuses it
     * when either is over its bound.
     */
    void charge(String caller, KpiRequestCost request, long cost) {
        long spent = request.add(cost);
        if (spent > requestBudget) {
            throw new ProblemException(ProblemType.REQUEST_TOO_COSTLY, "This request asks for " + spent + " units of KPI work"
                    + " (KPIs x buckets x members x fact sources); one request may ask for at most " + requestBudget
                    + ": ask for fewer KPIs, a coarser granularity or a shorter period, or split it");
        }
        if (perMinute <= 0) {
            return;
        }
        Bucket bucket = callers.get(caller, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(Math.min(cost, perMinute));
        if (!probe.isConsumed()) {
            int seconds = (int) Math.ceil(probe.getNanosToWaitForRefill() / (double) TimeUnit.SECONDS.toNanos(1));
            throw ProblemException.retryLater(ProblemType.RATE_LIMITED, "You have used your allowance of " + perMinute
                    + " units of KPI work per minute; retry in " + seconds + " s", seconds);
        }
    }
}
