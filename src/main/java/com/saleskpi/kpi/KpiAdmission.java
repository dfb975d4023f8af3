package com.saleskpi.kpi;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

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
 * each request starting statements that then starve each other and CRUD of PostgreSQL's CPUs. An evaluation that
 * waits in the queue longer than the admission wait (below the KPI statement timeout) gives up with the same 503, so
 * that no caller waits without an answer while others are computed.
 */
@Singleton
public class KpiAdmission {

    private static final int QUEUED = 0, RUNNING = 1, ABANDONED = 2;

    private final Guard bulkhead;
    private final Duration admissionWait;

    @jakarta.inject.Inject
    public KpiAdmission(KpiSettings settings) {
        this(settings.concurrentEvaluations(), settings.queuedEvaluations(), settings.admissionWait());
    }

    KpiAdmission(int concurrent, int queued, Duration admissionWait) {
        this.bulkhead = Guard.create().withBulkhead().limit(concurrent).queueSize(queued).done().build();
        this.admissionWait = admissionWait;
    }

    <T> Uni<T> admit(Supplier<Uni<T>> evaluation) {
        AtomicInteger state = new AtomicInteger(QUEUED);
        Uni<T> admitted = bulkhead.get(() -> state.compareAndSet(QUEUED, RUNNING) ? evaluation.get()
                // its caller has been answered already: the slot is given back at once
                : Uni.createFrom().<T>nullItem(), new TypeLiteral<Uni<T>>() {
                }).onFailure(BulkheadException.class).transform(full -> busy());
        Uni<T> gaveUp = Uni.createFrom().voidItem().onItem().delayIt().by(admissionWait)
                .chain(() -> state.compareAndSet(QUEUED, ABANDONED) ? Uni.createFrom().<T>failure(busy()) : Uni.createFrom().<T>nothing());
        return Uni.join().first(admitted, gaveUp).toTerminate();
    }

    private static ProblemException busy() {
        return ProblemException.retryLater(ProblemType.SERVICE_UNAVAILABLE,
                "The service is computing as many KPI requests as it can; retry shortly", 1);
    }
}
