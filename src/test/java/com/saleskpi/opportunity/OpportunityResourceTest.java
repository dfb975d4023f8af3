package com.saleskpi.opportunity;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Fixtures.create;
import static com.saleskpi.testing.Fixtures.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OpportunityResourceTest {

    private Map<String, Object> deal(String owner, String stage, int amount, String openedOn, String closedOn) {
        return map("name", "Deal " + amount, "ownerRepId", owner, "type", "NEW_BUSINESS", "stage", stage,
                "amount", amount, "currency", "EUR", "openedOn", openedOn, "closedOn", closedOn);
    }

    @Test
    void filtersReturnExactlyTheMatchingDeals() {
        String owner = create("/api/v1/reps", Fixtures.repBody());
        String other = create("/api/v1/reps", Fixtures.repBody());
        String won = create("/api/v1/opportunities", deal(owner, "CLOSED_WON", 500, "2026-01-10", "2026-02-15"));
        String lost = create("/api/v1/opportunities", deal(owner, "CLOSED_LOST", 300, "2026-01-20", "2026-03-01"));
        String open = create("/api/v1/opportunities", deal(owner, "PROPOSAL", 900, "2026-02-05", null));
        create("/api/v1/opportunities", deal(other, "CLOSED_WON", 700, "2026-01-10", "2026-02-15"));

        admin().queryParam("ownerRepId", owner).get("/api/v1/opportunities").then().statusCode(200)
                .body("items.id", containsInAnyOrder(won, lost, open));
        admin().queryParam("ownerRepId", owner).queryParam("stage", "CLOSED_WON").get("/api/v1/opportunities")
                .then().body("items.id", contains(won));
        admin().queryParam("ownerRepId", owner).queryParam("openedFrom", "2026-01-15").queryParam("openedTo", "2026-02-05")
                .get("/api/v1/opportunities").then().body("items.id", containsInAnyOrder(lost, open));
        admin().queryParam("ownerRepId", owner).queryParam("closedFrom", "2026-02-01").queryParam("closedTo", "2026-02-28")
                .get("/api/v1/opportunities").then().body("items.id", contains(won));
        admin().queryParam("ownerRepId", owner).queryParam("sort", "-amount").get("/api/v1/opportunities")
                .then().body("items.id", contains(open, won, lost));
    }

    @Test
    void paginationWalksEveryRowOnceInOrder() {
        String owner = create("/api/v1/reps", Fixtures.repBody());
        int[] amounts = { 40, 10, 30, 10, 50, 20, 30 };
        for (int amount : amounts) {
            create("/api/v1/opportunities", deal(owner, "PROSPECTING", amount, "2026-03-01", null));
        }
        List<Integer> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = admin().queryParam("ownerRepId", owner).queryParam("sort", "amount").queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/opportunities").then().statusCode(200).extract();
            seen.addAll(page.<List<Number>>path("items.amount").stream().map(Number::intValue).toList());
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        org.junit.jupiter.api.Assertions.assertEquals(List.of(10, 10, 20, 30, 30, 40, 50), seen);
        org.junit.jupiter.api.Assertions.assertEquals(3, pages);
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
        String owner = create("/api/v1/reps", Fixtures.repBody());
        for (int i = 0; i < 2; i++) {
            create("/api/v1/opportunities", deal(owner, "PROSPECTING", 10 + i, "2026-03-01", null));
        }
        String cursor = admin().queryParam("ownerRepId", owner).queryParam("sort", "amount").queryParam("limit", 1)
                .get("/api/v1/opportunities").then().extract().path("nextCursor");
        admin().queryParam("ownerRepId", owner).queryParam("sort", "-amount").queryParam("cursor", cursor)
                .get("/api/v1/opportunities").then().statusCode(400).body("errors.field", hasItem("cursor"));
    }

    @Test
    void stageChangesAreRecorded() {
        String owner = create("/api/v1/reps", Fixtures.repBody());
        String id = create("/api/v1/opportunities", deal(owner, "PROSPECTING", 100, "2026-03-01", null));
        String url = "/api/v1/opportunities/" + id;
        admin().contentType("application/merge-patch+json").body(Map.of("stage", "PROPOSAL")).patch(url).then().statusCode(200);
        admin().contentType("application/merge-patch+json").body(Map.of("amount", 120)).patch(url).then().statusCode(200);
        admin().contentType("application/merge-patch+json").body(Map.of("stage", "CLOSED_WON", "closedOn", "2026-03-20"))
                .patch(url).then().statusCode(200);
        admin().get(url + "/stage-history").then().statusCode(200)
                .body("stage", contains("PROSPECTING", "PROPOSAL", "CLOSED_WON"))
                .body("changedBy", contains("admin-user", "admin-user", "admin-user"));
    }

    @Test
    void closedStagesNeedACloseDateAndOnlyLostDealsALossReason() {
        String owner = create("/api/v1/reps", Fixtures.repBody());
        admin().body(deal(owner, "CLOSED_WON", 100, "2026-03-01", null)).post("/api/v1/opportunities")
                .then().statusCode(422).body("errors.field", contains("closedOn"));
        admin().body(deal(owner, "PROPOSAL", 100, "2026-03-01", "2026-03-05")).post("/api/v1/opportunities")
                .then().statusCode(422).body("errors.field", contains("closedOn"));
        admin().body(deal(owner, "CLOSED_WON", 100, "2026-03-01", "2026-02-01")).post("/api/v1/opportunities")
                .then().statusCode(422).body("errors.field", contains("closedOn"));
        Map<String, Object> wonWithReason = deal(owner, "CLOSED_WON", 100, "2026-03-01", "2026-03-05");
        wonWithReason.put("lossReason", "price");
        admin().body(wonWithReason).post("/api/v1/opportunities").then().statusCode(422)
                .body("errors.field", contains("lossReason"));
    }

    @Test
    void referencesMustExistAndReferencedRecordsCannotBeDeleted() {
        admin().body(deal("0190a0c0-0000-7000-8000-000000000000", "PROSPECTING", 100, "2026-03-01", null))
                .post("/api/v1/opportunities").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", contains("ownerRepId"));

        String owner = create("/api/v1/reps", Fixtures.repBody());
        String id = create("/api/v1/opportunities", deal(owner, "PROSPECTING", 100, "2026-03-01", null));
        admin().delete("/api/v1/reps/" + owner).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:saleskpi:problem:still-referenced"));
        admin().get("/api/v1/reps/" + owner).then().statusCode(200);
        admin().delete("/api/v1/opportunities/" + id).then().statusCode(204);
        admin().delete("/api/v1/reps/" + owner).then().statusCode(204);
    }

    @Test
    void secondWriterWithTheSameEntityTagIsRefused() {
        String owner = create("/api/v1/reps", Fixtures.repBody());
        String id = create("/api/v1/opportunities", deal(owner, "PROSPECTING", 100, "2026-03-01", null));
        String url = "/api/v1/opportunities/" + id;
        admin().header("If-Match", "\"0\"").contentType("application/merge-patch+json").body(Map.of("amount", 200))
                .patch(url).then().statusCode(200);
        admin().header("If-Match", "\"0\"").contentType("application/merge-patch+json").body(Map.of("amount", 300))
                .patch(url).then().statusCode(412).body("type", equalTo("urn:saleskpi:problem:precondition-failed"));
        admin().get(url).then().body("amount", equalTo(200.0f)).body("lossReason", nullValue())
                .body("version", equalTo(1));
        admin().get(url + "/stage-history").then().body("$", hasSize(1));
    }
}
