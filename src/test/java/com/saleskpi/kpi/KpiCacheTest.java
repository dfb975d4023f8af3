package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.GraphQL;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * The KPI cache answers from memory while the tables an answer read stand, and never after a commit changed one of
 * them: the writes here are plain SQL on the database, as another instance of the service would commit them.
 */
@QuarkusTest
class KpiCacheTest {

    /** Revenue of team T in June 2019, a month no other test's data reaches. */
    private static final String REVENUE = """
            query($team: String!) { kpiSnapshot(kpis: ["revenue", "activities"], filter: { teamIds: [$team] },
              period: { from: "2019-06-01", to: "2019-06-30" }) { values { kpi value } } }""";

    @Inject
    Pool pool;

    @Inject
    MeterRegistry metrics;

    Map<String, String> ids;

    @BeforeEach
    void loadFixture() {
        ids = KpiFixture.load(pool);
    }

    @Test
    void aRepeatedQueryIsAnsweredFromMemoryUntilACommitChangesWhatItRead() {
        BigDecimal before = revenue();
        double hits = count("hit");
        assertEquals(before, revenue());
        assertEquals(hits + 1, count("hit"), "the second, identical question is a hit");

        // an activity is not revenue, but the answer also holds activities: it is computed again
        KpiFixture.commitActivity(pool, "CALL", "2019-06-03T10:00:00Z");
        double stale = count("stale");
        assertEquals(before, revenue());
        assertEquals(stale + 1, count("stale"));

        // a commit of another instance is in the very next answer
        order(new BigDecimal("250.00"));
        assertEquals(before.add(new BigDecimal("250.00")), revenue());
    }

    @Test
    void aChangeToATableTheAnswerDidNotReadKeepsIt() {
        revenue();
        double hits = count("hit");
        pool.query("update competitor_price set updated_at = updated_at where false").execute().await().indefinitely();
        revenue();
        assertEquals(hits + 1, count("hit"));
    }

    @Test
    void answersStayExactUnderConcurrentWrites() throws Exception {
        BigDecimal start = revenue();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<Integer>> reads = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            reads.add(readers.submit(() -> {
                int n = 0;
                while (writing.get()) {
                    revenue();
                    n++;
                }
                return n;
            }));
        }
        try {
            BigDecimal expected = start;
            for (int i = 1; i <= 8; i++) {
                order(new BigDecimal("10.00"));
                expected = expected.add(new BigDecimal("10.00"));
                // issued after the commit: never an answer kept from before it
                assertEquals(expected, revenue(), "after commit " + i);
            }
        } finally {
            writing.set(false);
            readers.shutdown();
            assertTrue(readers.awaitTermination(60, TimeUnit.SECONDS));
        }
        for (Future<Integer> read : reads) {
            assertTrue(read.get() > 0);
        }
    }

    private BigDecimal revenue() {
        JsonPath answer = GraphQL.query(REVENUE, Map.of("team", ids.get("T")));
        assertNull(answer.get("errors"), () -> "errors: " + answer.get("errors"));
        Object value = answer.get("data.kpiSnapshot.values.find { it.kpi == 'revenue' }.value");
        return value == null ? BigDecimal.ZERO.setScale(2) : new BigDecimal(value.toString()).setScale(2);
    }

    private void order(BigDecimal amount) {
        KpiFixture.commitOrder(pool, java.time.LocalDate.parse("2019-06-15"), amount);
    }

    private double count(String result) {
        return metrics.counter("saleskpi.kpi.cache", "result", result).count();
    }
}
