package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** The members a dashboard offers for a dimension: trees with their parents, scoped to the caller as their KPIs are. */
@QuarkusTest
class DimensionMembersTest {


    @Test
    void anAnalystSeesTheTeamTreeWithParents() {
        String parent = create("/api/v1/teams", Fixtures.teamBody());
        String child = create("/api/v1/teams", Fixtures.map("name", unique("Child"), "parentId", parent));
        Api.as("an-analyst", "analyst").get("/api/v1/kpis/dimensions/TEAM").then().statusCode(200)
                .body("key", hasItems(parent, child))
                .body("find { it.key == '" + child + "' }.parentKey", org.hamcrest.Matchers.equalTo(parent));
    }

    @Test
    void aRepSeesOnlyThemselvesAndTheirTeamAndEveryProduct() {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String other = create("/api/v1/teams", Fixtures.teamBody());
        String subject = unique("members-rep");
        String me = Fixtures.repFor(subject, team, "ACCOUNT_EXECUTIVE");
        Fixtures.repFor(unique("members-other"), other, "ACCOUNT_EXECUTIVE");
        String product = create("/api/v1/products", Fixtures.productBody());
        Api.asSubject(subject, "sales-rep").get("/api/v1/kpis/dimensions/REP").then().statusCode(200).body("key", contains(me))
                .body("[0].parentKey", org.hamcrest.Matchers.equalTo(team));
        Api.asSubject(subject, "sales-rep").get("/api/v1/kpis/dimensions/TEAM").then().statusCode(200).body("key", contains(team));
        Api.asSubject(subject, "sales-rep").get("/api/v1/kpis/dimensions/PRODUCT").then().statusCode(200).body("key", hasItem(product));
    }

    @Test
    void aManagerGetsTheirTeamsOverGraphQl() throws Exception {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String sub = create("/api/v1/teams", Fixtures.map("name", unique("Sub"), "parentId", team));
        create("/api/v1/teams", Fixtures.teamBody());
        String subject = unique("members-mgr");
        String manager = Fixtures.repFor(subject, team, "SALES_MANAGER");
        admin().contentType("application/merge-patch+json").body(Map.of("managerId", manager)).patch("/api/v1/teams/" + team)
                .then().statusCode(200);
        String answer = Api.asSubject(subject, "sales-manager").body(Map.of("query", "{ dimensionMembers(dimension: TEAM) { key label parentKey } }"))
                .post("/graphql").then().statusCode(200).extract().asString();
        JsonNode members = new ObjectMapper().readTree(answer).path("data").path("dimensionMembers");
        List<String> keys = new java.util.ArrayList<>();
        members.forEach(m -> keys.add(m.path("key").asText()));
        assertEquals(List.of(team, sub).stream().sorted().toList(), keys.stream().sorted().toList(), answer);
    }

    @Test
    void aRepWithoutATeamSeesNoTeam() {
        String subject = unique("members-loner");
        Fixtures.repFor(subject, null, "ACCOUNT_EXECUTIVE");
        Api.asSubject(subject, "sales-rep").get("/api/v1/kpis/dimensions/TEAM").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void anUnknownDimensionIsABadRequest() {
        admin().get("/api/v1/kpis/dimensions/GALAXY").then().statusCode(400).contentType("application/problem+json");
    }
}
