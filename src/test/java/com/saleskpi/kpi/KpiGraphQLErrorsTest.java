package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.testing.Api;

import io.quarkus.test.junit.QuarkusTest;

/** GraphQL errors say what kind of error they are (extensions.code) and what is at fault (the message). */
@QuarkusTest
class KpiGraphQLErrorsTest {

    private static JsonNode firstError(String query) throws Exception {
        String answer = Api.admin().body(Map.of("query", query)).post("/graphql").then().statusCode(200).extract().asString();
        return new ObjectMapper().readTree(answer).path("errors").path(0);
    }

    @Test
    void anUnknownKpiIsBadUserInputNamingIt() throws Exception {
        JsonNode error = firstError("{ kpiSnapshot(kpis: [\"no_such_kpi\"], period: {preset: LAST_30_DAYS}) { timeZone } }");
        assertEquals("BAD_USER_INPUT", error.path("extensions").path("code").asText(), error.toString());
        assertTrue(error.path("message").asText().startsWith("Argument kpis ") && error.path("message").asText().contains("no_such_kpi"),
                error.toString());
    }

    @Test
    void anUnknownTimeZoneIsBadUserInputNamingTheArgument() throws Exception {
        JsonNode error = firstError("{ kpiSnapshot(kpis: [\"revenue\"], period: {preset: LAST_30_DAYS, timeZone: \"Europe/Atlantis\"})"
                + " { timeZone } }");
        assertEquals("BAD_USER_INPUT", error.path("extensions").path("code").asText(), error.toString());
        assertTrue(error.path("message").asText().startsWith("Argument period.timeZone "), error.toString());
    }

    /** Errors graphql-java raises before any field runs carry the codes GraphQL clients know, and name what is wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{ kpiSnapshot(kpis: [\"revenue\"] { timeZone } | GRAPHQL_PARSE_FAILED | Invalid syntax",
            "{ kpiSnapshot(kpis: [\"revenue\"], period: {preset: LAST_30_DAYS}) { noSuchField } } | GRAPHQL_VALIDATION_FAILED | noSuchField",
            "{ kpiSnapshot(kpis: [\"revenue\"], period: {preset: NO_SUCH_PRESET}) { timeZone } } | GRAPHQL_VALIDATION_FAILED | NO_SUCH_PRESET",
            "{ kpiSnapshot(kpis: [\"revenue\"], period: {preset: LAST_30_DAYS}, filter: {repIds: [\"nope\"]}) { timeZone } } | BAD_USER_INPUT | Argument filter " })
    void graphqlJavasOwnErrorsCarryACode(String query, String code, String named) throws Exception {
        JsonNode error = firstError(query);
        assertEquals(code, error.path("extensions").path("code").asText(), error.toString());
        assertTrue(error.path("message").asText().contains(named) && !error.path("message").asText().contains("com.saleskpi"),
                error.toString());
    }

    /**
     * A query over the depth (15) or complexity (400) limit is refused each time it is sent, though one within them is
     * checked once (LimitsCheckedOnce).
     */
    @Test
    void queriesOverTheLimitsAreRefusedEveryTime() throws Exception {
        String deep = "{ __schema { types { fields { type " + "{ ofType ".repeat(12) + "{ name }" + " }".repeat(12) + " } } } }";
        String complex = catalogues(201);
        String allowed = catalogues(199);
        for (int sent = 0; sent < 2; sent++) {
            for (String refused : new String[] { complex, deep }) {
                JsonNode error = firstError(refused);
                assertEquals("BAD_USER_INPUT", error.path("extensions").path("code").asText(), error.toString());
                assertTrue(error.path("message").asText().matches("maximum query (depth|complexity) exceeded.*"), error.toString());
            }
            String answer = Api.admin().body(Map.of("query", allowed)).post("/graphql").then().statusCode(200).extract().asString();
            JsonNode data = new ObjectMapper().readTree(answer);
            assertTrue(data.path("errors").isMissingNode(), data.path("errors").toString());
            assertTrue(data.path("data").path("a198").path(0).has("name"));
        }
    }

    /** A query of that many catalogue fields (a complexity of two each: the list and its name). */
    private static String catalogues(int fields) {
        return IntStream.range(0, fields).mapToObj(i -> "a" + i + ": kpiCatalogue { name }").collect(Collectors.joining(" ", "{ ", " }"));
    }

    @Test
    void aVariableOfTheWrongTypeIsBadUserInputNamingIt() throws Exception {
        String answer = Api.admin().body(Map.of("query", "query($p: KpiPeriodInput!) { kpiSnapshot(kpis: [\"revenue\"], period: $p) { timeZone } }",
                "variables", Map.of("p", Map.of("preset", 42)))).post("/graphql").then().statusCode(200).extract().asString();
        JsonNode error = new ObjectMapper().readTree(answer).path("errors").path(0);
        assertEquals("BAD_USER_INPUT", error.path("extensions").path("code").asText(), error.toString());
        assertTrue(error.path("message").asText().contains("Variable 'p'"), error.toString());
    }

    @Test
    void aClientsErrorIsNotLoggedAsAnError() throws Exception {
        java.util.List<java.util.logging.LogRecord> severe = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler collector = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                    severe.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(collector);
        try {
            firstError("{ kpiSnapshot(kpis: [\"no_such_kpi\"], period: {preset: LAST_30_DAYS}) { timeZone } }");
        } finally {
            root.removeHandler(collector);
        }
        assertTrue(severe.isEmpty(), () -> "logged as errors: " + severe.stream().map(java.util.logging.LogRecord::getMessage).toList());
    }
}
