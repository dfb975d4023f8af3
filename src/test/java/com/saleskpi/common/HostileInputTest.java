package com.saleskpi.common;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Database;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/** Values a careless or hostile client sends: each gets a 4xx problem naming what is wrong, never a 5xx. */
@QuarkusTest
class HostileInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;

    private static ValidatableResponse problem(ValidatableResponse response, int status, String field) {
        return response.statusCode(status).contentType(PROBLEM).body("errors.field", hasItem(field));
    }

    @Test
    void aNulCharacterIsRefusedWhereverItComes() {
        problem(admin().queryParam("name", "a\u0000b").get("/api/v1/accounts").then(), 400, "name");
        problem(admin().body("{\"name\":\"a\\u0000b\"}").post("/api/v1/teams").then(), 400, "name");
        String team = Fixtures.create("/api/v1/teams", Fixtures.teamBody());
        problem(admin().contentType("application/merge-patch+json").body("{\"name\":\"x\\u0000\"}").patch("/api/v1/teams/" + team)
                .then(), 400, "name");
        problem(admin().contentType("text/csv").body("externalRef,name\n" + unique("nul") + ",a\u0000b\n")
                .post("/api/v1/import/accounts").then(), 422, "rows[1].name");
    }

    @Test
    void datesOutsideTheStorableRangeAreRefused() {
        Map<String, Object> order = Fixtures.orderBody();
        order.put("orderedOn", "+999999999-12-31");
        problem(admin().body(order).post("/api/v1/orders").then(), 400, "orderedOn");
        Map<String, Object> deal = Fixtures.opportunityBody();
        String id = Fixtures.create("/api/v1/opportunities", deal);
        problem(admin().contentType("application/merge-patch+json").body("{\"closedOn\":\"-999999999-01-01\"}")
                .patch("/api/v1/opportunities/" + id).then(), 400, "closedOn");
        problem(admin().queryParam("orderedFrom", "+999999999-12-31").get("/api/v1/orders").then(), 400, "orderedFrom");
    }

    @Test
    void kpiPeriodsOutsideTheCalendarAreRefused() {
        for (String path : List.of("/api/v1/kpis/snapshot", "/api/v1/kpis/breakdown", "/api/v1/kpis/leaderboard")) {
            var request = admin().queryParam("kpi", "revenue").queryParam("from", "-999999999-01-01")
                    .queryParam("to", "+999999999-12-31");
            if (!path.endsWith("snapshot")) {
                request.queryParam("by", "TEAM");
            }
            request.get(path).then().statusCode(400).contentType(PROBLEM).body("detail", containsString("from"));
        }
    }

    @Test
    void graphQlVariablesThatAreNotAnObjectAreAMalformedRequest() {
        for (String variables : List.of("\"x\"", "[1]", "7")) {
            admin().body("{\"query\":\"{ kpiCatalogue { name } }\",\"variables\":" + variables + "}").post("/graphql").then()
                    .statusCode(400).body("errors[0].extensions.code", equalTo("BAD_USER_INPUT"))
                    .body("errors[0].message", containsString("variables"));
        }
    }

    @Test
    void parallelDeletesOfOneRecordGiveOne204AndThen404() throws Exception {
        String team = Fixtures.create("/api/v1/teams", Fixtures.teamBody());
        String token = Api.token("admin-user", "admin");
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> deletes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                deletes.add(() -> given().auth().oauth2(token).delete("/api/v1/teams/" + team).then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : clients.invokeAll(deletes)) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 204).count(), statuses.toString());
            assertTrue(statuses.stream().allMatch(s -> s == 204 || s == 404 || s == 409), statuses.toString());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void theHttpLayersOwnRefusalsAreProblems() throws Exception {
        admin().get("/api/v1/accounts?name=" + "x".repeat(9000)).then().statusCode(414).contentType(PROBLEM)
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
        admin().header("X-Padding", "y".repeat(20_000)).get("/api/v1/accounts").then().statusCode(431).contentType(PROBLEM)
                .header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
        // A request target that is not valid percent-encoding (RFC 3986) and a control character in a header value
        // (RFC 9110, 5.5) are not HTTP: the HTTP layer refuses them before the service sees them, with a bare 400
        // (README, "Errors").
        String malformed = rawRequest("GET /api/v1/accounts?name=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertTrue(malformed.startsWith("HTTP/1.1 400"), malformed);
        for (String header : List.of("If-Match", "If-None-Match", "Idempotency-Key")) {
            String answer = rawRequest("GET /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\n" + header
                    + ": \"a\u0001b\"\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
    }

    /** Sends bytes as written (HTTP client libraries refuse or clean up control characters) and returns the answer. */
    private static String rawRequest(String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void queryParametersAreReadStrictly() {
        problem(admin().queryParam("limit", "abc").get("/api/v1/accounts").then(), 400, "limit");
        problem(admin().queryParam("active", "maybe").get("/api/v1/products").then(), 400, "active");
        admin().queryParam("active", "TRUE").get("/api/v1/products").then().statusCode(200);
    }

    @Test
    void likeWildcardsInATextFilterMatchThemselves() {
        String marker = unique("wild");
        Fixtures.create("/api/v1/accounts", Fixtures.map("name", marker + " plain", "segment", "SMB"));
        Fixtures.create("/api/v1/accounts", Fixtures.map("name", marker + " 100% sure", "segment", "SMB"));
        admin().queryParam("name", marker + " 100%").get("/api/v1/accounts").then().statusCode(200)
                .body("items.size()", equalTo(1));
        admin().queryParam("name", marker + "%").get("/api/v1/accounts").then().statusCode(200).body("items.size()", equalTo(0));
        admin().queryParam("name", marker + "_plain").get("/api/v1/accounts").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void anImportRowWithoutExternalRefIsRefusedAndNamed() {
        long before = Database.count(pool, "account");
        problem(admin().contentType("text/csv").body("externalRef,name,segment\n" + unique("ok") + ",Fine,SMB\n,Nameless,SMB\n")
                .post("/api/v1/import/accounts").then(), 422, "rows[2].externalRef");
        assertEquals(before, Database.count(pool, "account"));
    }

    @Test
    void anImportEnumErrorListsTheAllowedValues() {
        admin().contentType("text/csv").body("externalRef,name,segment\n" + unique("enum") + ",Alpha,GIGANTIC\n")
                .post("/api/v1/import/accounts").then().statusCode(422).contentType(PROBLEM)
                .body("errors.find { it.field == 'rows[1].segment' }.message", containsString("ENTERPRISE"));
    }

    @Test
    void listPagesOmitNoDocumentedFieldAsNull() {
        String body = admin().queryParam("name", unique("none")).get("/api/v1/accounts").then().statusCode(200).extract().asString();
        assertEquals("{\"items\":[]}", body.replace(" ", ""));
    }

    @Test
    void stageHistoryOfAnUnknownDealIsANotFoundProblem() {
        admin().get("/api/v1/opportunities/0190a0c0-0000-7000-8000-000000000000/stage-history").then().statusCode(404)
                .contentType(PROBLEM);
    }
}
