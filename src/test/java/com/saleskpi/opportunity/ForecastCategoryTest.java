package com.saleskpi.opportunity;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A deal's forecast category: its stage's through the mapping admins set, or its owner's on an open deal; closing puts
 * it back; a change of the mapping moves the deals that follow it; a KPI dimension.
 */
@QuarkusTest
class ForecastCategoryTest {

    @Test
    void theCategoryFollowsTheStageUnlessTheOwnerSetsItAndClosingPutsItBack() {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String subject = unique("forecast-rep");
        String rep = Fixtures.repFor(subject, team, "ACCOUNT_EXECUTIVE");
        String deal = deal(rep, "PROSPECTING", 1000);
        get(deal).body("forecastCategory", equalTo("PIPELINE")).body("forecastCategorySource", equalTo("STAGE"));
        patch(subject, deal, Map.of("stage", "PROPOSAL")).body("forecastCategory", equalTo("BEST_CASE"));
        // the owner commits the deal; its stage moving on does not change that
        patch(subject, deal, Map.of("forecastCategory", "COMMIT", "forecastCategorySource", "OWNER"))
                .body("forecastCategory", equalTo("COMMIT")).body("forecastCategorySource", equalTo("OWNER"));
        patch(subject, deal, Map.of("stage", "QUALIFICATION")).body("forecastCategory", equalTo("COMMIT"));
        // a category sent without the owner's source follows the stage
        patch(subject, deal, Map.of("forecastCategory", "OMITTED", "forecastCategorySource", "STAGE")).body("forecastCategory", equalTo("PIPELINE"));
        patch(subject, deal, Map.of("forecastCategory", "BEST_CASE", "forecastCategorySource", "OWNER")).body("forecastCategory", equalTo("BEST_CASE"));
        patch(subject, deal, Map.of("stage", "CLOSED_WON", "closedOn", LocalDate.now(ZoneOffset.UTC).toString()))
                .body("forecastCategory", equalTo("CLOSED")).body("forecastCategorySource", equalTo("STAGE"));
        // no override on a closed deal, nor an owner's source without a category: 422 naming the field, nothing stored
        Api.asSubject(subject, "sales-rep").contentType("application/merge-patch+json")
                .body(Map.of("forecastCategory", "COMMIT", "forecastCategorySource", "OWNER")).patch("/api/v1/opportunities/" + deal)
                .then().statusCode(422).body("errors.field", hasItem("forecastCategory"));
        String open = deal(rep, "NEGOTIATION", 500);
        Api.asSubject(subject, "sales-rep").contentType("application/merge-patch+json")
                .body(Fixtures.map("forecastCategory", null, "forecastCategorySource", "OWNER")).patch("/api/v1/opportunities/" + open)
                .then().statusCode(422).body("errors.field", hasItem("forecastCategory"));
        admin().contentType("application/merge-patch+json").body(Map.of("forecastCategory", "SOMEDAY", "forecastCategorySource", "OWNER"))
                .patch("/api/v1/opportunities/" + open).then().statusCode(400);
        get(deal).body("forecastCategory", equalTo("CLOSED"));
    }

    @Test
    void aChangeOfTheMappingMovesTheDealsThatFollowItAndTheKpisBreakDownByCategory() {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String rep = Fixtures.repFor(unique("forecast-map"), team, "ACCOUNT_EXECUTIVE");
        String proposal = deal(rep, "PROPOSAL", 300);
        String owned = deal(rep, "PROPOSAL", 200);
        admin().contentType("application/merge-patch+json").body(Map.of("forecastCategory", "PIPELINE", "forecastCategorySource", "OWNER"))
                .patch("/api/v1/opportunities/" + owned).then().statusCode(200);
        deal(rep, "NEGOTIATION", 700);
        deal(rep, "PROSPECTING", 100);
        // open on today's end, by category: BEST_CASE 300 (the PROPOSAL that follows its stage), COMMIT 700, PIPELINE 100 + 200
        assertEquals(Map.of("BEST_CASE", 300.0f, "COMMIT", 700.0f, "PIPELINE", 300.0f), pipelineByCategory(team));

        admin().get("/api/v1/forecast-categories").then().statusCode(200).body("stage", contains("PROSPECTING", "QUALIFICATION",
                "PROPOSAL", "NEGOTIATION", "CLOSED_WON", "CLOSED_LOST")).body("category", contains("PIPELINE", "PIPELINE", "BEST_CASE",
                "COMMIT", "CLOSED", "OMITTED"));
        Api.as("forecast-analyst", "analyst").contentType("application/json").body(Map.of("category", "COMMIT"))
                .put("/api/v1/forecast-categories/PROPOSAL").then().statusCode(403);
        admin().contentType("application/json").body(Map.of("category", "SOON")).put("/api/v1/forecast-categories/PROPOSAL").then()
                .statusCode(400);
        admin().contentType("application/json").body(Map.of("category", "COMMIT")).put("/api/v1/forecast-categories/NOWHERE").then()
                .statusCode(400).body("errors[0].field", equalTo("stage"));
        try {
            admin().contentType("application/json").body(Map.of("category", "COMMIT")).put("/api/v1/forecast-categories/PROPOSAL")
                    .then().statusCode(200).body("category", equalTo("COMMIT")).body("updatedBy", equalTo("admin-user"));
            get(proposal).body("forecastCategory", equalTo("COMMIT"));
            get(owned).body("forecastCategory", equalTo("PIPELINE"));
            assertEquals(Map.of("COMMIT", 1000.0f, "PIPELINE", 300.0f), pipelineByCategory(team));
            admin().get("/api/v1/opportunities/" + proposal + "/history").then().statusCode(200)
                    .body("items.findAll { it.field == 'forecastCategory' }.newValue", contains("BEST_CASE", "COMMIT"));
        } finally {
            admin().contentType("application/json").body(Map.of("category", "BEST_CASE")).put("/api/v1/forecast-categories/PROPOSAL")
                    .then().statusCode(200);
        }
        get(proposal).body("forecastCategory", equalTo("BEST_CASE"));
    }

    private static Map<String, Float> pipelineByCategory(String team) {
        List<Map<String, Object>> rows = admin().queryParam("kpi", "open_pipeline_value").queryParam("teamId", team)
                .queryParam("from", "2026-01-01").queryParam("to", LocalDate.now(ZoneOffset.UTC).toString())
                .queryParam("by", "FORECAST_CATEGORY").get("/api/v1/kpis/breakdown").then().statusCode(200).extract().jsonPath()
                .getList("[0].rows");
        Map<String, Float> byCategory = new java.util.HashMap<>();
        rows.stream().filter(row -> ((Number) row.get("value")).floatValue() != 0)
                .forEach(row -> byCategory.put((String) row.get("key"), ((Number) row.get("value")).floatValue()));
        return byCategory;
    }

    private static String deal(String rep, String stage, int amount) {
        return create("/api/v1/opportunities", Fixtures.map("name", unique("Forecast"), "ownerRepId", rep, "type", "NEW_BUSINESS",
                "stage", stage, "amount", amount, "currency", "EUR", "openedOn", "2026-11-01"));
    }

    private static ValidatableResponse get(String deal) {
        return admin().get("/api/v1/opportunities/" + deal).then().statusCode(200);
    }

    private static ValidatableResponse patch(String subject, String deal, Map<String, Object> changes) {
        return Api.asSubject(subject, "sales-rep").contentType("application/merge-patch+json").body(changes)
                .patch("/api/v1/opportunities/" + deal).then().statusCode(200);
    }
}
