package com.saleskpi.opportunity;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import io.restassured.path.json.JsonPath;

/** A deal's history is complete whatever path changed it, paged, as CSV, and visible only to whoever may see the deal. */
@QuarkusTest
class DealHistoryTest {

    @Inject
    Pool pool;

    @Test
    void everyPathLeavesItsChangesWithWhoAndWhen() {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String rep = Fixtures.repFor(unique("history"), team, "ACCOUNT_EXECUTIVE");
        String ref = unique("HIST");
        Map<String, Object> body = Fixtures.map("externalRef", ref, "name", "History deal", "ownerRepId", rep, "type", "NEW_BUSINESS",
                "stage", "PROSPECTING", "amount", 1000, "currency", "EUR", "openedOn", "2026-11-01", "expectedCloseOn", "2027-01-15");
        String id = create("/api/v1/opportunities", body);
        // a change of a field the pipeline is not measured by leaves no entry
        admin().contentType("application/merge-patch+json").body(Map.of("name", "Renamed")).patch("/api/v1/opportunities/" + id)
                .then().statusCode(200);
        admin().contentType("application/merge-patch+json").body(Map.of("amount", 1500, "expectedCloseOn", "2027-02-10"))
                .patch("/api/v1/opportunities/" + id).then().statusCode(200);
        String csv = "externalRef,name,ownerRepId,type,stage,amount,currency,openedOn,expectedCloseOn\n"
                + String.join(",", ref, "History deal", rep, "NEW_BUSINESS", "NEGOTIATION", "1500", "EUR", "2026-11-01", "2027-02-10") + "\n";
        admin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/import/opportunities").then().statusCode(200);
        admin().contentType("text/csv").queryParam("mode", "VALID_ROWS").body(csv.replace("NEGOTIATION,1500", "NEGOTIATION,1800")
                .getBytes(StandardCharsets.UTF_8)).post("/api/v1/import/opportunities").then().statusCode(200);

        JsonPath history = admin().get("/api/v1/opportunities/" + id + "/history").then().statusCode(200).extract().jsonPath();
        List<String> entries = changes(history.getList("items"));
        assertEquals(List.of(
                "CREATED stage null->PROSPECTING", "CREATED amount null->1000", "CREATED currency null->EUR",
                "CREATED expectedCloseOn null->2027-01-15", "CREATED ownerRepId null->" + rep, "CREATED teamId null->" + team,
                "CREATED type null->NEW_BUSINESS", "CREATED openedOn null->2026-11-01", "CREATED forecastCategory null->PIPELINE",
                "UPDATED amount 1000->1500", "UPDATED expectedCloseOn 2027-01-15->2027-02-10",
                "UPDATED stage PROSPECTING->NEGOTIATION", "UPDATED forecastCategory PIPELINE->COMMIT",
                "UPDATED amount 1500->1800"), entries);
        assertEquals("admin-user", history.getString("items[0].by"));
        assertNull(history.getString("nextCursor"));

        admin().delete("/api/v1/opportunities/" + id).then().statusCode(204);
        // a deleted deal's history stays for those who see everything, its deletion last, with who deleted it
        JsonPath after = Api.as("history-analyst", "analyst").get("/api/v1/opportunities/" + id + "/history").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(entries.size() + 1, after.getList("items").size());
        assertEquals(List.of("DELETED", "admin-user"), List.of(after.getString("items[-1].change"), after.getString("items[-1].by")));
        assertNull(after.getString("items[-1].field"));
        admin().get("/api/v1/opportunities/" + java.util.UUID.randomUUID() + "/history").then().statusCode(404);
    }

    @Test
    void pagesFollowTheirCursorAndCsvHasTheSameRows() {
        String id = create("/api/v1/opportunities", Fixtures.opportunityBody());
        for (int amount = 1; amount <= 3; amount++) {
            admin().contentType("application/merge-patch+json").body(Map.of("amount", amount)).patch("/api/v1/opportunities/" + id)
                    .then().statusCode(200);
        }
        List<String> all = changes(admin().get("/api/v1/opportunities/" + id + "/history").then().statusCode(200).extract()
                .jsonPath().getList("items"));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = admin().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/opportunities/" + id + "/history").then().statusCode(200).extract().jsonPath();
            paged.addAll(changes(page.getList("items")));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(all, paged);
        assertEquals(List.of("UPDATED amount 12000->1", "UPDATED amount 1->2", "UPDATED amount 2->3"), all.subList(all.size() - 3, all.size()));

        String csv = admin().accept("text/csv").get("/api/v1/opportunities/" + id + "/history").then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals("at,by,change,field,oldValue,newValue", lines.get(0));
        assertEquals(all.size() + 1, lines.size());
        admin().queryParam("cursor", "not-ours").get("/api/v1/opportunities/" + id + "/history").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    /** A version recorded as beginning later than now (imported data) ends when the deal changes, never before it began. */
    @Test
    void aChangeAfterAVersionDatedInTheFutureIsRecorded() {
        String id = create("/api/v1/opportunities", Fixtures.opportunityBody());
        pool.preparedQuery("update opportunity_version set valid_from = now() + interval '1 day' where id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().indefinitely();
        admin().contentType("application/merge-patch+json").body(Map.of("amount", 7)).patch("/api/v1/opportunities/" + id)
                .then().statusCode(200);
        admin().get("/api/v1/opportunities/" + id + "/history").then().statusCode(200)
                .body("items.findAll { it.field == 'amount' }.newValue", org.hamcrest.Matchers.hasItem("7"));
    }

    @Test
    void aRepSeesTheHistoryOfTheirOwnDealsOnly() {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String subject = unique("history-rep");
        String me = Fixtures.repFor(subject, team, "ACCOUNT_EXECUTIVE");
        Map<String, Object> mine = Fixtures.opportunityBody();
        mine.put("ownerRepId", me);
        String myDeal = create("/api/v1/opportunities", mine);
        String otherDeal = create("/api/v1/opportunities", Fixtures.opportunityBody());
        Api.asSubject(subject, "sales-rep").get("/api/v1/opportunities/" + myDeal + "/history").then().statusCode(200)
                .body("items[0].change", equalTo("CREATED"));
        Api.asSubject(subject, "sales-rep").get("/api/v1/opportunities/" + otherDeal + "/history").then().statusCode(404);
    }

    private static List<String> changes(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("change") + " " + item.get("field") + " " + item.get("oldValue") + "->"
                + item.get("newValue")).toList();
    }
}
