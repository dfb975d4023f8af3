package com.saleskpi.security;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** GET /api/v1/me and the GraphQL me query tell a caller who they are to the service. */
@QuarkusTest
class MeTest {


    @Test
    void anAdminSeesEverythingAndIsNoRep() {
        admin().get("/api/v1/me").then().statusCode(200).body("subject", equalTo("admin-user")).body("roles", contains("admin"))
                .body("scope", equalTo("ALL")).body("managedTeamIds", empty());
    }

    @Test
    void aRepLearnsTheirRepAndTeam() {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String subject = unique("me-rep");
        String repId = Fixtures.repFor(subject, team, "ACCOUNT_EXECUTIVE");
        Api.asSubject(subject, "sales-rep").get("/api/v1/me").then().statusCode(200).body("scope", equalTo("OWN"))
                .body("repId", equalTo(repId)).body("teamId", equalTo(team)).body("roles", contains("sales-rep"));
    }

    @Test
    void aManagerLearnsTheTeamsAndRepsTheyManageOverRestAndGraphQl() throws Exception {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String subTeam = create("/api/v1/teams", Fixtures.map("name", unique("Sub"), "parentId", team));
        String subject = unique("me-mgr");
        String manager = Fixtures.repFor(subject, team, "SALES_MANAGER");
        String member = Fixtures.repFor(unique("me-member"), subTeam, "ACCOUNT_EXECUTIVE");
        admin().contentType("application/merge-patch+json").body(Map.of("managerId", manager)).patch("/api/v1/teams/" + team)
                .then().statusCode(200);
        Api.asSubject(subject, "sales-manager").get("/api/v1/me").then().statusCode(200).body("scope", equalTo("MANAGED_TEAMS"))
                .body("managedTeamIds", containsInAnyOrder(team, subTeam)).body("managedRepIds", containsInAnyOrder(manager, member));
        String answer = Api.asSubject(subject, "sales-manager").body(Map.of("query", "{ me { scope repId managedTeamIds } }")).post("/graphql")
                .then().statusCode(200).extract().asString();
        var me = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer).path("data").path("me");
        assertEquals("MANAGED_TEAMS", me.path("scope").asText(), answer);
        assertEquals(manager, me.path("repId").asText(), answer);
        assertEquals(2, me.path("managedTeamIds").size(), answer);
    }

    @Test
    void aRepWhoseRepDoesNotExistIsForbidden() {
        Api.asSubject(unique("nobody"), "sales-rep").get("/api/v1/me").then().statusCode(403).contentType("application/problem+json");
    }
}
