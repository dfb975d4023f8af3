package com.saleskpi.rep;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Fixtures.create;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SalesRepResourceTest {

    @Test
    void filtersByTeamAndEmployment() {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        Map<String, Object> current = Fixtures.repBody();
        current.put("teamId", team);
        Map<String, Object> leaver = Fixtures.repBody();
        leaver.put("teamId", team);
        leaver.put("leaveDate", "2025-06-30");
        String currentId = create("/api/v1/reps", current);
        String leaverId = create("/api/v1/reps", leaver);
        create("/api/v1/reps", Fixtures.repBody());

        admin().queryParam("teamId", team).get("/api/v1/reps").then().body("items.id", containsInAnyOrder(currentId, leaverId));
        admin().queryParam("teamId", team).queryParam("employed", true).get("/api/v1/reps").then().body("items.id", contains(currentId));
        admin().queryParam("teamId", team).queryParam("employed", false).get("/api/v1/reps").then().body("items.id", contains(leaverId));
    }

    @Test
    void emailIsUnique() {
        Map<String, Object> rep = Fixtures.repBody();
        create("/api/v1/reps", rep);
        admin().body(rep).post("/api/v1/reps").then().statusCode(409)
                .body("type", equalTo("urn:saleskpi:problem:conflict")).body("errors[0].field", equalTo("email"));
    }
}
