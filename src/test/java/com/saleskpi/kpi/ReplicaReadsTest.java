package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static com.saleskpi.testing.Fixtures.map;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.saleskpi.database.ConsistencyTokens;
import com.saleskpi.testing.Fixtures;
import com.saleskpi.testing.StreamingReplica;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;

/**
 * KPIs read from a real hot standby (StreamingReplica): their statements run there, they equal the primary's once the
 * standby has replayed, a consistency token reads the caller's own write even while replay is paused, and a stopped
 * standby leaves KPIs to the primary (no 5xx) until it returns.
 */
@QuarkusTest
@TestProfile(ReplicaReadsTest.OnAStandby.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaReadsTest {

    public static class OnAStandby implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(StreamingReplica.class), new TestResourceEntry(OidcWiremockTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // each request must reach a server to show which one it reads: no answer is kept
            return Map.of("saleskpi.database.replica.retry-after", "1s", "saleskpi.database.replica.wait-for-replay", "1s",
                    "saleskpi.kpi.cache.enabled", "false");
        }
    }

    /** A KPI statement as the standby's sessions show it. */
    private static final String KPI_STATEMENT_SEEN = "select count(*) from pg_stat_activity where datname = current_database()"
            + " and query like '%from buckets b%' and pid <> pg_backend_pid()";

    private static String rep;

    @Test
    @Order(1)
    void kpiStatementsRunOnTheStandbyAndEqualThePrimaryOnceReplayed() {
        String token = wonDeal(1000);
        StreamingReplica.awaitReplay();
        assertEquals(0, new BigDecimal(1000).compareTo(bookings(admin())));
        assertTrue(Long.parseLong(StreamingReplica.onStandby(KPI_STATEMENT_SEEN)) > 0, "the KPI statement ran on the standby");
        assertEquals(0, new BigDecimal(1000).compareTo(bookings(admin().header(ConsistencyTokens.HEADER, token))),
                "a token the standby has replayed changes nothing");
    }

    @Test
    @Order(2)
    void aConsistencyTokenReadsTheCallersOwnWriteWhileTheStandbyLags() {
        StreamingReplica.pauseReplay();
        try {
            String token = wonDeal(2000);
            assertEquals(0, new BigDecimal(1000).compareTo(bookings(admin())), "without the token, the KPI is the standby's (it lags)");
            assertEquals(0, new BigDecimal(3000).compareTo(bookings(admin().header(ConsistencyTokens.HEADER, token))),
                    "with the token, the KPI includes the caller's write");
        } finally {
            StreamingReplica.resumeReplay();
        }
        StreamingReplica.awaitReplay();
        assertEquals(0, new BigDecimal(3000).compareTo(bookings(admin())), "once replayed, the standby answers as the primary");
    }

    @Test
    @Order(3)
    void aStoppedStandbyLeavesKpisToThePrimaryUntilItReturns() throws InterruptedException {
        StreamingReplica.stopStandby();
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(0, new BigDecimal(3000).compareTo(bookings(admin())), "the primary answers while the standby is down");
            }
        } finally {
            StreamingReplica.startStandby();
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        long seen = 0;
        while (seen == 0 && System.nanoTime() < deadline) {
            assertEquals(0, new BigDecimal(3000).compareTo(bookings(admin())));
            seen = Long.parseLong(StreamingReplica.onStandby(KPI_STATEMENT_SEEN));
            Thread.sleep(200);
        }
        assertTrue(seen > 0, "KPI statements went back to the standby once it returned");
    }

    @Test
    @Order(4)
    void aTokenThatIsNotOneIsRefusedNamingTheHeader() {
        admin().header(ConsistencyTokens.HEADER, "yesterday").queryParam("kpi", "bookings").get("/api/v1/kpis/snapshot").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo(ConsistencyTokens.HEADER));
    }

    /** A deal won in a month no other deal of this test's database is won in; the write's consistency token. */
    private static String wonDeal(int amount) {
        if (rep == null) {
            rep = create("/api/v1/reps", Fixtures.repBody());
        }
        return admin().body(map("name", unique("Replica deal"), "ownerRepId", rep, "type", "NEW_BUSINESS", "stage", "CLOSED_WON",
                "amount", amount, "currency", "EUR", "openedOn", "2032-02-01", "closedOn", "2032-03-15"))
                .post("/api/v1/opportunities").then().statusCode(201)
                .header(ConsistencyTokens.HEADER, matchesPattern("[0-9A-F]+/[0-9A-F]+")).extract().header(ConsistencyTokens.HEADER);
    }

    private static BigDecimal bookings(RequestSpecification caller) {
        Object value = caller.queryParam("kpi", "bookings").queryParam("from", "2032-03-01").queryParam("to", "2032-03-31")
                .get("/api/v1/kpis/snapshot").then().statusCode(200).extract().path("values[0].value");
        return value == null ? BigDecimal.ZERO : new BigDecimal(value.toString());
    }
}
