package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/**
 * The KPI bulkhead answers every caller within its admission wait: a queued evaluation gives up with 503, and never runs.
 * In the application (SmallRye Fault Tolerance's guards run there), with admissions of the test's own.
 */
@QuarkusTest
class KpiAdmissionTest {

    @Test
    void anEvaluationQueuedLongerThanTheWaitGetsA503AndNeverRuns() {
        KpiAdmission admission = new KpiAdmission(1, 10, Duration.ofMillis(300));
        Uni<String> slow = admission.admit(() -> Uni.createFrom().item("slow").onItem().delayIt().by(Duration.ofMillis(1500)));
        var running = slow.subscribeAsCompletionStage();
        AtomicBoolean queuedRan = new AtomicBoolean();
        long start = System.nanoTime();
        ProblemException refused = assertThrows(ProblemException.class, () -> admission.admit(() -> {
            queuedRan.set(true);
            return Uni.createFrom().item("queued");
        }).await().atMost(Duration.ofSeconds(5)));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ProblemType.SERVICE_UNAVAILABLE, refused.type());
        assertTrue(waitedMillis >= 300 && waitedMillis < 1500, "answered after the admission wait, not after the slow one: " + waitedMillis);
        assertEquals("slow", running.join(), "the running evaluation is not disturbed");
        assertFalse(queuedRan.get(), "an evaluation whose caller was answered never runs");
        assertEquals("next", admission.admit(() -> Uni.createFrom().item("next")).await().atMost(Duration.ofSeconds(5)),
                "the abandoned place gives its slot back");
    }

    @Test
    void anEvaluationThatStartsInTimeRunsToTheEndPastTheWait() {
        KpiAdmission admission = new KpiAdmission(1, 10, Duration.ofMillis(200));
        assertEquals("long", admission.admit(() -> Uni.createFrom().item("long").onItem().delayIt().by(Duration.ofMillis(600)))
                .await().atMost(Duration.ofSeconds(5)));
    }
}
