package com.saleskpi.common;

import static com.saleskpi.testing.Api.admin;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Database;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

@QuarkusTest
class RequestLimitsTest {

    @Inject
    Pool pool;

    @Test
    void oversizedBodyIsRefusedWithAProblem() {
        long before = Database.count(pool, "team");
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        admin().body(huge).post("/api/v1/teams").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("urn:saleskpi:problem:payload-too-large"));
        org.junit.jupiter.api.Assertions.assertEquals(before, Database.count(pool, "team"));
    }

    @Test
    void unknownPathAndMethodAreProblems() {
        admin().get("/api/v1/unicorns").then().statusCode(404).contentType("application/problem+json");
        admin().body("{}").post("/api/v1/teams/0190a0c0-0000-7000-8000-000000000000").then().statusCode(405)
                .contentType("application/problem+json");
    }
}
