package com.saleskpi.team;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TeamResourceTest {

    @Test
    void crudRoundTrip() {
        String name = unique("Team");
        var created = admin().body(Map.of("name", name)).post("/api/v1/teams")
                .then().statusCode(201)
                .body("name", equalTo(name)).body("version", equalTo(0)).body("createdBy", equalTo("admin-user"))
                .extract();
        String id = created.path("id");
        org.junit.jupiter.api.Assertions.assertTrue(created.header("Location").endsWith("/api/v1/teams/" + id));

        admin().get("/api/v1/teams/" + id).then().statusCode(200).header("ETag", "\"0\"").body("name", equalTo(name));

        admin().body(Map.of("name", name + "-renamed")).put("/api/v1/teams/" + id)
                .then().statusCode(200).body("name", equalTo(name + "-renamed")).body("version", equalTo(1));

        admin().contentType("application/merge-patch+json").body(Map.of("name", name + "-patched"))
                .patch("/api/v1/teams/" + id).then().statusCode(200).body("name", equalTo(name + "-patched"));

        admin().delete("/api/v1/teams/" + id).then().statusCode(204);
        admin().get("/api/v1/teams/" + id).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:saleskpi:problem:not-found"));
    }

    @Test
    void listIsFilteredAndPaged() {
        String prefix = unique("Paged");
        for (int i = 0; i < 3; i++) {
            admin().body(Map.of("name", prefix + "-" + i)).post("/api/v1/teams").then().statusCode(201);
        }
        String cursor = admin().queryParam("name", prefix).queryParam("limit", 2).queryParam("sort", "-name")
                .get("/api/v1/teams").then().statusCode(200)
                .body("items", hasSize(2)).body("items[0].name", equalTo(prefix + "-2"))
                .body("items[1].name", equalTo(prefix + "-1")).body("next", notNullValue())
                .extract().path("nextCursor");
        admin().queryParam("name", prefix).queryParam("limit", 2).queryParam("sort", "-name").queryParam("cursor", cursor)
                .get("/api/v1/teams").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].name", equalTo(prefix + "-0")).body("nextCursor", nullValue());
    }

    @Test
    void requiresToken() {
        given().get("/api/v1/teams").then().statusCode(401);
    }
}
