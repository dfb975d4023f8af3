package com.saleskpi.lead;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Fixtures.create;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class LeadResourceTest {

    @Test
    void reachingAStageStampsItsTimeUnlessGiven() {
        String id = create("/api/v1/leads", Fixtures.leadBody());
        String url = "/api/v1/leads/" + id;
        admin().get(url).then().body("mqlAt", nullValue());
        admin().contentType("application/merge-patch+json").body(Map.of("stage", "MQL")).patch(url)
                .then().statusCode(200).body("mqlAt", notNullValue()).body("sqlAt", nullValue());
        admin().contentType("application/merge-patch+json")
                .body(Map.of("stage", "SQL", "sqlAt", "2026-02-10T08:00:00Z")).patch(url)
                .then().statusCode(200).body("sqlAt", equalTo("2026-02-10T08:00:00Z"));
    }

    @Test
    void firstResponseCannotPrecedeTheLead() {
        Map<String, Object> lead = Fixtures.leadBody();
        lead.put("firstResponseAt", "2026-01-31T23:59:59Z");
        admin().body(lead).post("/api/v1/leads").then().statusCode(422).body("errors.field", contains("firstResponseAt"));
    }

    @Test
    void filtersByStageAndReceivedTime() {
        String owner = create("/api/v1/reps", Fixtures.repBody());
        Map<String, Object> early = Fixtures.leadBody();
        early.put("ownerRepId", owner);
        early.put("receivedAt", "2026-01-05T00:00:00Z");
        Map<String, Object> late = Fixtures.leadBody();
        late.put("ownerRepId", owner);
        late.put("stage", "MQL");
        late.put("receivedAt", "2026-03-05T00:00:00Z");
        String earlyId = create("/api/v1/leads", early);
        String lateId = create("/api/v1/leads", late);
        admin().queryParam("ownerRepId", owner).queryParam("stage", "MQL").get("/api/v1/leads")
                .then().body("items.id", contains(lateId));
        admin().queryParam("ownerRepId", owner).queryParam("receivedTo", "2026-02-01T00:00:00Z").get("/api/v1/leads")
                .then().body("items.id", contains(earlyId));
        admin().queryParam("receivedTo", "last tuesday").get("/api/v1/leads").then().statusCode(400)
                .body("errors[0].field", equalTo("receivedTo"));
    }
}
