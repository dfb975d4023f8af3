package com.saleskpi.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.InterruptibleDatabase;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Readiness follows the database: DOWN while PostgreSQL cannot be reached, UP again when it can. */
@QuarkusTest
@TestProfile(ReadinessTest.UnreliableDatabase.class)
class ReadinessTest {

    public static class UnreliableDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(InterruptibleDatabase.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // no token issuer is needed to ask for health; keep OIDC quiet
            return Map.of("quarkus.oidc.tenant-enabled", "false", "quarkus.oidc.graphql-ui.tenant-enabled", "false");
        }
    }

    @Test
    void readinessGoesDownWithTheDatabaseAndComesBack() throws Exception {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        InterruptibleDatabase.cut();
        awaitReadiness(503, "DOWN");
        given().get("/q/health/live").then().statusCode(200);
        InterruptibleDatabase.restore();
        awaitReadiness(200, "UP");
    }

    private static void awaitReadiness(int status, String state) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = given().get("/q/health/ready").then().extract().statusCode();
            if (last == status) {
                given().get("/q/health/ready").then().body("status", equalTo(state));
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness stayed at HTTP " + last + " instead of " + status);
    }
}
