package com.saleskpi.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/**
 * A bearer token is verified once and its identity kept until the token expires: the next requests with the same token
 * are answered for the same caller, with the same roles, and never after the token's expiry.
 */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    MeterRegistry registry;

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgainAndKeepsItsCaller() {
        String alice = token("alice-verified", Instant.now().plusSeconds(300), "analyst");
        String bob = token("bob-verified", Instant.now().plusSeconds(300), "admin");
        double hits = hits();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(alice).get("/api/v1/me").then().statusCode(200)
                    .body("subject", equalTo("alice-verified")).body("roles", contains("analyst"));
            given().auth().oauth2(bob).get("/api/v1/me").then().statusCode(200)
                    .body("subject", equalTo("bob-verified")).body("roles", contains("admin"));
        }
        assertEquals(4, hits() - hits, "the second and third request of each caller came from the verified tokens");
        // the kept identity's roles still decide: an analyst may read but not write
        given().auth().oauth2(alice).contentType("application/json").body("{\"name\":\"Nope\"}").post("/api/v1/teams")
                .then().statusCode(403);
    }

    @Test
    void aKeptTokenIsRefusedOnceItHasExpired() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(3);
        String shortLived = token("carol-verified", expiry, "admin");
        given().auth().oauth2(shortLived).get("/api/v1/me").then().statusCode(200);
        given().auth().oauth2(shortLived).get("/api/v1/me").then().statusCode(200);
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 1_500);
        given().auth().oauth2(shortLived).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aTamperedCopyOfAKeptTokenIsStillRefused() {
        String token = token("dave-verified", Instant.now().plusSeconds(300), "admin");
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(tampered).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aKeptTokenWithAnotherPayloadUnderTheSameSignatureIsRefused() {
        // the kept tokens are looked up by a hash of their last characters (the signature): a token that differs only
        // before them meets the kept one in the lookup and must still not be taken for it
        String token = token("erin-verified", Instant.now().plusSeconds(300), "analyst");
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + token("erin-verified", Instant.now().plusSeconds(300), "admin").split("\\.")[1] + "." + parts[2];
        given().auth().oauth2(forged).get("/api/v1/me").then().statusCode(401);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).body("roles", contains("analyst"));
    }

    private static String token(String subject, Instant expiry, String role) {
        return Jwt.issuer("https://server.example.com").audience("https://server.example.com").subject(subject)
                .groups(Set.of(role)).expiresAt(expiry).jws().keyId("1").sign("privateKey.jwk");
    }

    private double hits() {
        return registry.get("cache.gets").tags("cache", "verified_tokens", "result", "hit").functionCounter().count();
    }
}
