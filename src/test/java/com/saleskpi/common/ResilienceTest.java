package com.saleskpi.common;

import static com.saleskpi.testing.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Fixtures;
import com.saleskpi.testing.InterruptibleDatabase;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Faults answer honestly: a database that is cut, restarting or locked, a statement over its timeout and a caller over
 * their KPI allowance each get a problem with Retry-After, never a 500 and never an internal address.
 */
@QuarkusTest
@TestProfile(ResilienceTest.ConstrainedService.class)
class ResilienceTest {

    public static class ConstrainedService implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(InterruptibleDatabase.class), new TestResourceEntry(OidcWiremockTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.additional-properties.lock_timeout", "1s",
                    // KPI statements: no lock timeout, so that a locked table runs into the statement timeout
                    "quarkus.datasource.replica.reactive.additional-properties.lock_timeout", "0",
                    "quarkus.datasource.replica.reactive.additional-properties.statement_timeout", "1s",
                    "saleskpi.kpi.caller-budget-per-minute", "3000",
                    // one KPI evaluation at a time, one waiting
                    "saleskpi.kpi.concurrent-evaluations", "1", "saleskpi.kpi.queued-evaluations", "1");
        }
    }

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void anUnreachableDatabaseAnswers503WithRetryAfterAndNoAddress() throws Exception {
        admin().get("/api/v1/teams").then().statusCode(200);
        InterruptibleDatabase.cut();
        try {
            admin().get("/api/v1/teams").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:saleskpi:problem:service-unavailable"))
                    .body(not(containsString("127.0.0.1")));
            String graphql = admin().body(Map.of("query", "{ kpiSnapshot(kpis: [\"revenue\"], period: {preset: LAST_30_DAYS})"
                    + " { values { value } } }")).post("/graphql").then().extract().asString();
            assertTrue(graphql.contains("cannot be reached") && graphql.contains("\"code\":\"UNAVAILABLE\""), graphql);
            assertFalse(graphql.contains("127.0.0.1") || graphql.contains("refused"), graphql);
        } finally {
            InterruptibleDatabase.restore();
        }
        awaitStatus("/api/v1/teams", 200);
    }

    @Test
    void underTrafficADatabaseCutGives503sAndNeverA500() throws Exception {
        String token = com.saleskpi.testing.Api.token("admin-user", "admin");
        java.util.Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            clients.submit(() -> {
                while (running.get()) {
                    int status = io.restassured.RestAssured.given().auth().oauth2(token).get("/api/v1/teams").then().extract().statusCode();
                    statuses.merge(status, 1, Integer::sum);
                }
            });
        }
        try {
            Thread.sleep(500);
            InterruptibleDatabase.cut();
            Thread.sleep(400);
            InterruptibleDatabase.restore();
            awaitStatus("/api/v1/teams", 200);
            Thread.sleep(300);
        } finally {
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertTrue(statuses.keySet().stream().allMatch(status -> status == 200 || status == 503), statuses.toString());
        assertTrue(statuses.getOrDefault(200, 0) > 0, statuses.toString());
    }

    @Test
    void readsWhoseConnectionsWereKilledSucceed() throws Exception {
        // several rounds: the server closes all of a pool's connections at once, and a single immediate retry sometimes
        // took a second dead one
        for (int round = 0; round < 10; round++) {
            // side by side, so that the pool holds several connections when they are killed
            java.util.stream.IntStream.range(0, 8).parallel().forEach(i -> admin().get("/api/v1/teams").then().statusCode(200));
            try (Connection connection = DriverManager.getConnection(jdbcUrl, user, ""); Statement statement = connection.createStatement()) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                        + " where datname = current_database() and pid <> pg_backend_pid()");
            }
            admin().get("/api/v1/teams").then().statusCode(200);
            // KPI statements have a pool of their own, whose connections the previous round killed
            admin().queryParam("kpi", "revenue").queryParam("preset", "LAST_30_DAYS").get("/api/v1/kpis/snapshot").then().statusCode(200);
        }
    }

    /**
     * Connections killed at any point of a bulk import (before its first row, in a batch, at its commit, during a
     * rollback): the answer is the report or a 503 with Retry-After, never a 500; nothing is half-written in
     * ALL_OR_NOTHING, and sending the file again completes it exactly once.
     */
    @Test
    void anImportWhoseConnectionsAreKilledAtAnyPointAnswers503AndARetryCompletesOnce() throws Exception {
        int rows = 4000;
        java.util.concurrent.ExecutorService importer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            for (String mode : List.of("ALL_OR_NOTHING", "VALID_ROWS")) {
                for (int delayMillis : List.of(0, 40, 120, 250, 500, 900)) {
                    String prefix = com.saleskpi.testing.Api.unique("killed-" + delayMillis);
                    StringBuilder file = new StringBuilder();
                    for (int i = 0; i < rows; i++) {
                        file.append("{\"externalRef\":\"").append(prefix).append('-').append(i)
                                .append("\",\"name\":\"Account ").append(i).append("\",\"segment\":\"SMB\"}\n");
                    }
                    var sent = importer.submit(() -> admin().contentType("application/x-ndjson").queryParam("mode", mode)
                            .body(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import/accounts"));
                    Thread.sleep(delayMillis);
                    killEveryConnection();
                    var answer = sent.get(60, java.util.concurrent.TimeUnit.SECONDS);
                    String what = mode + ", killed after " + delayMillis + " ms: " + answer.statusCode() + " " + answer.asString();
                    assertTrue(answer.statusCode() == 200 || answer.statusCode() == 503, what);
                    long written = accountsStartingWith(prefix);
                    if (answer.statusCode() == 503) {
                        assertTrue(answer.getHeader("Retry-After") != null, what);
                        assertTrue(mode.equals("VALID_ROWS") || written == 0, "nothing of a failed ALL_OR_NOTHING import is written: " + written);
                    }
                    int again = 0;
                    for (int attempt = 0; attempt < 10 && again != 200; attempt++) {
                        again = admin().contentType("application/x-ndjson").queryParam("mode", mode)
                                .body(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import/accounts")
                                .then().extract().statusCode();
                    }
                    assertTrue(again == 200, what + "; the file sent again answers " + again);
                    org.junit.jupiter.api.Assertions.assertEquals(rows, accountsStartingWith(prefix), what + ": every row once");
                }
            }
        } finally {
            importer.shutdownNow();
        }
    }

    private void killEveryConnection() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, ""); Statement statement = connection.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()");
        }
    }

    private long accountsStartingWith(String prefix) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "");
                var statement = connection.prepareStatement("select count(*) from account where external_ref like ?")) {
            statement.setString(1, prefix + "-%");
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void aLockedTableAnswers503AfterTheLockTimeoutAndValidationDoesNotWait() throws Exception {
        String team = Fixtures.create("/api/v1/teams", Fixtures.teamBody());
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, ""); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("lock table team in access exclusive mode");
            Instant start = Instant.now();
            admin().get("/api/v1/teams/" + team).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue());
            admin().contentType("application/merge-patch+json").body("{\"name\":\"renamed\"}").patch("/api/v1/teams/" + team)
                    .then().statusCode(503);
            assertTrue(Duration.between(start, Instant.now()).toSeconds() < 10, "waited past the lock timeout");
            Instant invalid = Instant.now();
            admin().body("{\"name\":\"\"}").post("/api/v1/teams").then().statusCode(422);
            assertTrue(Duration.between(invalid, Instant.now()).toMillis() < 900, "a request that fails validation waited on the lock");
            connection.rollback();
        }
        admin().get("/api/v1/teams/" + team).then().statusCode(200);
    }

    @Test
    void aKpiStatementOverItsTimeoutAnswers504() throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, ""); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("lock table sales_order, order_line, revenue_daily, revenue_monthly in access exclusive mode");
            admin().queryParam("kpi", "revenue").queryParam("preset", "LAST_30_DAYS").get("/api/v1/kpis/snapshot").then()
                    .statusCode(504).contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("type", equalTo("urn:saleskpi:problem:timeout"));
            connection.rollback();
        }
    }

    @Test
    void kpiWorkBeyondTheCallersAllowanceIs429WithRetryAfter() {
        // the allowance here is 3,000 units a minute; 103 KPIs over 2 buckets cost at least 206 units a request
        List<String> all = admin().get("/api/v1/kpis/catalogue").then().statusCode(200).extract().path("name");
        int status = 200;
        for (int i = 0; i < 40 && status == 200; i++) {
            status = com.saleskpi.testing.Api.as("greedy-analyst", "analyst").queryParam("kpi", all.toArray())
                    .queryParam("preset", "LAST_30_DAYS").queryParam("compareTo", "PREVIOUS_PERIOD")
                    .get("/api/v1/kpis/snapshot").then().extract().statusCode();
        }
        com.saleskpi.testing.Api.as("greedy-analyst", "analyst").queryParam("kpi", all.toArray()).queryParam("preset", "LAST_30_DAYS")
                .get("/api/v1/kpis/snapshot").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue()).body("type", equalTo("urn:saleskpi:problem:rate-limited"));
        // another caller is not held back by the first one's spending
        com.saleskpi.testing.Api.as("other-analyst", "analyst").queryParam("kpi", "revenue").queryParam("preset", "LAST_30_DAYS")
                .get("/api/v1/kpis/snapshot").then().statusCode(200);
    }

    @Test
    void kpiEvaluationsBeyondTheAdmittedAndQueuedAre503WithRetryAfter() throws Exception {
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            // all eight leave at once: one is admitted, one waits, the others are refused
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<io.restassured.response.Response>> pending = new java.util.ArrayList<>();
            // eight different questions: the same one asked eight times at once is computed once (KpiCache)
            List<String> second = List.of("win_rate", "orders", "units_sold", "deals_won", "deals_lost", "bookings", "new_leads", "activities");
            for (int i = 0; i < 8; i++) {
                var request = com.saleskpi.testing.Api.as("dashboard-" + i, "analyst").queryParam("kpi", "revenue")
                        .queryParam("kpi", second.get(i)).queryParam("preset", "LAST_12_MONTHS").queryParam("granularity", "WEEK");
                pending.add(clients.submit(() -> {
                    start.await();
                    return request.get("/api/v1/kpis/series");
                }));
            }
            start.countDown();
            List<io.restassured.response.Response> answers = new java.util.ArrayList<>();
            for (var answer : pending) {
                answers.add(answer.get());
            }
            List<Integer> statuses = answers.stream().map(io.restassured.response.Response::statusCode).toList();
            assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 503), statuses.toString());
            assertTrue(statuses.contains(200) && statuses.contains(503), statuses.toString());
            answers.stream().filter(answer -> answer.statusCode() == 503).forEach(answer -> {
                assertTrue(answer.header("Retry-After") != null, answer.asString());
                assertTrue(answer.asString().contains("as many KPI requests as it can"), answer.asString());
            });
        } finally {
            clients.shutdownNow();
        }
    }

    private static void awaitStatus(String path, int status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = admin().get(path).then().extract().statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(path + " stayed at HTTP " + last + " instead of " + status);
    }
}
