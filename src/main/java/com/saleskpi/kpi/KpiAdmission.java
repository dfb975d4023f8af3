package com.saleskpi.kpi;

import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Singleton;

/**
 * Admits KPI evaluations (one per REST request or GraphQL field) a few at a time, with a bounded queue: under a flood
 * of dashboards the surplus is refused at once with 503 and Retry-After, before any of its statements runs, instead of
 * each request starting statements that then starve each other and CRUD of PostgreSQL's CPUs.
 */
@Singleton
public class KpiAdmission {

    private final Guard bulkhead;

    public KpiAdmission(@ConfigProperty(name = "saleskpi.kpi.concurrent-evaluations") int concurrent,
            @ConfigProperty(name = "saleskpi.kpi.queued-evaluations") int queued) {
        this.bulkhead = Guard.create().withBulkhead().limit(concurrent).queueSize(queued).done().build();
    }

    <T> Uni<T> admit(Supplier<Uni<T>> evaluation) {
        return bulkhead.get(evaluation, new TypeLiteral<Uni<T>>() {
        }).onFailure(BulkheadException.class).transform(full -> ProblemException.retryLater(ProblemType.SERVICE_UNAVAILABLE,
                "The service is computing as many KPI requests as it can; retry shortly", 1));
    }
}
