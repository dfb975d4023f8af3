package com.saleskpi.common;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Fixtures.map;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.testing.Database;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.EntityType;

/**
 * The REST contract every entity shares: CRUD round trip with ETags, and a battery of bad input
 * that must be answered with a 4xx problem document while the database stays exactly as it was.
 */
@QuarkusTest
class EntityContractTest {

    @Inject
    Pool pool;

    @Inject
    Mutiny.SessionFactory sessions;

    /** The service's own mapper, which answers every request. */
    @Inject
    ObjectMapper mapper;

    /** The record as an ORM session loads it (an order with its lines). */
    private Object loadedByHibernate(String table, String id) throws Throwable {
        Class<?> type = sessions.getMetamodel().getEntities().stream().map(EntityType::getJavaType)
                .filter(candidate -> candidate.isAnnotationPresent(Table.class) && candidate.getAnnotation(Table.class).name().equals(table))
                .findFirst().orElseThrow();
        return VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(session -> session.find(type, UUID.fromString(id))));
    }

    /**
     * One entity: where it lives, a valid body, a field to change, and fields with a value of the wrong kind.
     * badValues maps a field to a value that must be rejected (wrong type, unknown enum, out of range, bad date...).
     */
    record EntityCase(String path, String table, Supplier<Map<String, Object>> validBody, String field, Object newValue,
            String requiredField, Map<String, Object> badValues, String filterParameter, String filterField) {
        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<EntityCase> entities() {
        return Stream.of(
                new EntityCase("/api/v1/territories", "territory", Fixtures::territoryBody, "name", "Renamed", "code",
                        map("level", "CONTINENT", "parentId", "not-a-uuid", "name", ""), "code", "code"),
                new EntityCase("/api/v1/teams", "team", Fixtures::teamBody, "name", "Renamed team", "name",
                        map("managerId", 42, "name", List.of("a")), "name", "name"),
                new EntityCase("/api/v1/reps", "sales_rep", Fixtures::repBody, "fullName", "Renamed Rep", "email",
                        map("role", "CEO", "hireDate", "2024-13-45", "email", "not-an-email", "leaveDate", "2020-01-01"), "name", "fullName"),
                new EntityCase("/api/v1/channels", "channel", Fixtures::channelBody, "name", "Renamed", "type",
                        map("type", "CARRIER_PIGEON", "code", ""), "code", "code"),
                new EntityCase("/api/v1/products", "product", Fixtures::productBody, "listPrice", 120.25, "sku",
                        map("listPrice", -1, "currency", "euro", "active", "maybe"), "sku", "sku"),
                new EntityCase("/api/v1/accounts", "account", Fixtures::accountBody, "industry", "Banking", "segment",
                        map("segment", "HUGE", "acquiredOn", "yesterday", "churnedOn", "2026-01-01", "territoryId", "123"), "name", "name"),
                new EntityCase("/api/v1/campaigns", "campaign", Fixtures::campaignBody, "endsOn", "2026-06-30", "startsOn",
                        map("startsOn", "2026-02-30", "endsOn", "2020-01-01"), "name", "name"),
                new EntityCase("/api/v1/leads", "lead", Fixtures::leadBody, "fullName", "Renamed Lead", "receivedAt",
                        map("stage", "HOT", "receivedAt", "2026-02-01", "firstResponseAt", "2020-01-01T00:00:00Z", "email", "x"), "externalRef", "externalRef"),
                new EntityCase("/api/v1/opportunities", "opportunity", Fixtures::opportunityBody, "amount", 15000.5, "ownerRepId",
                        map("amount", -100, "stage", "CLOSED_WON", "currency", "EURO", "type", "FREEBIE", "openedOn", 20260101,
                                "amount ", 1), "ownerRepId", "ownerRepId"),
                new EntityCase("/api/v1/orders", "sales_order", Fixtures::orderBody, "status", "FULFILLED", "accountId",
                        map("status", "LOST", "lines", List.of(), "orderedOn", "2026/02/10", "currency", 978), "accountId", "accountId"),
                new EntityCase("/api/v1/activities", "activity", Fixtures::activityBody, "outcome", "NEGATIVE", "repId",
                        map("type", "TELEPATHY", "durationMinutes", 100000, "occurredAt", "noon", "repId", "nope"), "repId", "repId"),
                new EntityCase("/api/v1/targets", "target", Fixtures::targetBody, "value", 60000, "metric",
                        map("scope", "TEAM", "value", -1, "periodEnd", "2025-01-01", "metric", "HAPPINESS"), "repId", "repId"),
                new EntityCase("/api/v1/costs", "cost_entry", Fixtures::costBody, "amount", 1750, "incurredOn",
                        map("kind", "OTHER", "amount", "lots", "category", "BRIBES"), "externalRef", "externalRef"),
                new EntityCase("/api/v1/survey-responses", "survey_response", Fixtures::surveyBody, "score", 10, "survey",
                        map("score", 11, "survey", "FEEDBACK", "accountId", null), "accountId", "accountId"),
                new EntityCase("/api/v1/competitor-prices", "competitor_price", Fixtures::competitorPriceBody, "price", 79.9,
                        "productId", map("price", -0.01, "observedOn", "2026-02-29", "competitor", ""), "productId", "productId"),
                new EntityCase("/api/v1/exchange-rates", "exchange_rate", Fixtures::exchangeRateBody, "rate", 0.9377, "currency",
                        map("rate", 0, "currency", "swiss francs", "rateDate", "someday"), "externalRef", "externalRef"),
                new EntityCase("/api/v1/custom-kpis", "custom_kpi", Fixtures::customKpiBody, "title", "Renamed", "formula",
                        map("unit", "PERCENT", "formula", "deals_won +", "name", "Win Rate", "direction", "UP"), "name", "name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void crudRoundTripWithEntityTags(EntityCase entity) {
        Map<String, Object> body = entity.validBody().get();
        var created = admin().body(body).post(entity.path()).then().statusCode(201)
                .header("ETag", "\"0\"").body("id", notNullValue()).body("version", equalTo(0))
                .body("createdBy", equalTo("admin-user")).extract();
        String id = created.path("id");
        String url = entity.path() + "/" + id;
        assertTrue(created.header("Location").endsWith(url), "Location names the new record");

        admin().get(url).then().statusCode(200).header("ETag", "\"0\"").body("id", equalTo(id));
        admin().header("If-None-Match", "\"0\"").get(url).then().statusCode(304);

        Object originalValue = body.get(entity.field());
        body.put(entity.field(), entity.newValue());
        admin().header("If-Match", "\"0\"").body(body).put(url).then().statusCode(200)
                .header("ETag", "\"1\"").body("version", equalTo(1));
        admin().get(url).then().body(entity.field(), valueMatching(entity.newValue()));

        // a stale ETag is refused and changes nothing
        admin().header("If-Match", "\"0\"").contentType("application/merge-patch+json")
                .body(Map.of(entity.field(), entity.newValue())).patch(url)
                .then().statusCode(412).contentType("application/problem+json");
        admin().header("If-Match", "\"0\"").delete(url).then().statusCode(412);
        admin().get(url).then().statusCode(200).body("version", equalTo(1));

        // merge patch: other fields are kept
        admin().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                .body(Map.of(entity.field(), originalValue)).patch(url)
                .then().statusCode(200).body("version", equalTo(2));
        admin().get(url).then().body(entity.field(), valueMatching(originalValue));

        admin().delete(url).then().statusCode(204);
        admin().get(url).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:saleskpi:problem:not-found")).body("status", equalTo(404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void listFilterReturnsExactlyTheMatchingRecordsAsLoadedByHibernate(EntityCase entity) throws Throwable {
        Map<String, Object> first = entity.validBody().get();
        Map<String, Object> second = entity.validBody().get();
        String firstId = admin().body(first).post(entity.path()).then().statusCode(201).extract().path("id");
        String secondId = admin().body(second).post(entity.path()).then().statusCode(201).extract().path("id");
        String listed = admin().queryParam(entity.filterParameter(), first.get(entity.filterField())).get(entity.path())
                .then().statusCode(200).body("items.id", contains(firstId)).body("nextCursor", nullValue()).extract().asString();
        // reads by id and list pages (one statement each, no ORM session) answer the record as Hibernate loads it, decimals' scale included
        ObjectMapper exact = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode asLoaded = exact.readTree(mapper.writeValueAsString(loadedByHibernate(entity.table(), firstId)));
        assertEquals(asLoaded, exact.readTree(listed).path("items").get(0));
        assertEquals(asLoaded, exact.readTree(admin().get(entity.path() + "/" + firstId).then().statusCode(200).extract().asString()));
        admin().queryParam(entity.filterParameter(), second.get(entity.filterField())).get(entity.path())
                .then().statusCode(200).body("items.id", contains(secondId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void badInputIsRejectedAndNothingIsWritten(EntityCase entity) {
        Map<String, Object> valid = entity.validBody().get();
        String id = admin().body(valid).post(entity.path()).then().statusCode(201).extract().path("id");
        String url = entity.path() + "/" + id;
        String stored = admin().get(url).then().extract().asString();
        long rows = Database.count(pool, entity.table());

        List<String> badBodies = new ArrayList<>(List.of("{\"name\": ", "[]", "\"text\"", "42", "{}"));
        Map<String, Object> withUnknownField = new java.util.HashMap<>(valid);
        withUnknownField.put("colour", "blue");
        badBodies.add(json(withUnknownField));
        Map<String, Object> withoutRequired = new java.util.HashMap<>(valid);
        withoutRequired.remove(entity.requiredField());
        badBodies.add(json(withoutRequired));
        entity.badValues().forEach((field, value) -> {
            Map<String, Object> bad = new java.util.HashMap<>(valid);
            bad.put(field, value);
            badBodies.add(json(bad));
        });

        for (String bad : badBodies) {
            expectProblem(admin().body(bad).post(entity.path()).then(), bad);
            expectProblem(admin().body(bad).put(url).then(), bad);
        }
        entity.badValues().forEach((field, value) -> {
            Map<String, Object> patch = new java.util.HashMap<>();
            patch.put(field, value);
            expectProblem(admin().contentType("application/merge-patch+json").body(json(patch)).patch(url).then(),
                    "patch " + patch);
        });
        expectProblem(admin().contentType("application/merge-patch+json")
                .body("{\"" + entity.requiredField() + "\": null}").patch(url).then(), "patch clearing a required field");

        assertEquals(rows, Database.count(pool, entity.table()), "no row was added or removed");
        assertEquals(stored, admin().get(url).then().extract().asString(), "the stored record is unchanged");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entities")
    void badParametersAreNamed(EntityCase entity) {
        admin().get(entity.path() + "/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
        admin().get(entity.path() + "/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        admin().queryParam("colour", "blue").get(entity.path()).then().statusCode(400)
                .body("errors.field", hasItem("colour"));
        admin().queryParam("limit", 501).get(entity.path()).then().statusCode(anyOf(is(400), is(422)))
                .contentType("application/problem+json");
        admin().queryParam("sort", "password").get(entity.path()).then().statusCode(400).body("errors.field", hasItem("sort"));
        admin().queryParam("cursor", "garbage!").get(entity.path()).then().statusCode(400).body("errors.field", hasItem("cursor"));
        given().get(entity.path()).then().statusCode(401);
        admin().contentType("text/plain").body("name=x").post(entity.path()).then().statusCode(415)
                .contentType("application/problem+json");
    }

    private static void expectProblem(ValidatableResponse response, String input) {
        int status = response.extract().statusCode();
        assertTrue(status >= 400 && status < 500, "expected a 4xx for " + input + " but got " + status);
        response.contentType("application/problem+json").body("type", notNullValue()).body("detail", notNullValue());
    }

    private static org.hamcrest.Matcher<Object> valueMatching(Object expected) {
        return expected instanceof Number n ? anyOf(equalTo((Object) n.floatValue()), equalTo((Object) n.intValue()),
                equalTo((Object) n.doubleValue())) : equalTo(expected);
    }

    private static String json(Map<String, Object> body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
