package com.saleskpi.common;

import static io.restassured.RestAssured.given;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

/** Every API path needs a valid token signed by the configured issuer; failures are problem documents. */
@QuarkusTest
class AuthenticationTest {

    @OidcWireMock
    WireMockServer wireMock;

    @Test
    void missingTokenIsA401Problem() {
        given().get("/api/v1/accounts").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json").body("type", equalTo("urn:saleskpi:problem:unauthenticated"));
        // GraphiQL shows this body when it loads without a token, instead of failing to read an empty one
        given().body("{\"query\":\"{ __typename }\"}").contentType("application/json").post("/graphql")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:saleskpi:problem:unauthenticated"));
    }

    @Test
    void tokensThatAreNotOursAreRejected() {
        String garbage = "not.a.jwt";
        given().auth().oauth2(garbage).get("/api/v1/accounts").then().statusCode(401)
                .contentType("application/problem+json");

        String wrongIssuer = Jwt.issuer("https://evil.example.com").audience("https://server.example.com")
                .subject("mallory").groups(Set.of("admin")).jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(wrongIssuer).get("/api/v1/accounts").then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer error=\"invalid_token\", error_description=\"The token is not valid"));

        String wrongAudience = Jwt.issuer("https://server.example.com").audience("https://elsewhere.example.com")
                .subject("mallory").groups(Set.of("admin")).jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(wrongAudience).get("/api/v1/accounts").then().statusCode(401);

        String expired = Jwt.issuer("https://server.example.com").audience("https://server.example.com")
                .subject("mallory").groups(Set.of("admin")).issuedAt(1_000_000L).expiresAt(1_000_060L)
                .jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(expired).get("/api/v1/accounts").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"The token has expired\"")
                .body("detail", org.hamcrest.Matchers.startsWith("The token has expired"));

        String valid = OidcWiremockTestResource.getAccessToken("alice", Set.of("admin"));
        String[] parts = valid.split("\\.");
        String unsigned = parts[0].replace(parts[0], java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())) + "." + parts[1] + ".";
        given().auth().oauth2(unsigned).get("/api/v1/accounts").then().statusCode(401);

        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(tampered).get("/api/v1/accounts").then().statusCode(401);

        given().auth().oauth2(valid).get("/api/v1/accounts").then().statusCode(200);
    }

    @Test
    void malformedTokensAreRefusedWithoutAskingTheProvider() {
        int before = wireMock.findAll(anyRequestedFor(urlMatching(".*introspect.*"))).size();
        for (String garbage : List.of("garbage", "not.a.jwt", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.sig")) {
            given().auth().oauth2(garbage).get("/api/v1/accounts").then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(garbage).contentType("application/json").body("{\"query\":\"{ __typename }\"}").post("/graphql")
                    .then().statusCode(401);
        }
        assertEquals(before, wireMock.findAll(anyRequestedFor(urlMatching(".*introspect.*"))).size(),
                "no token was sent to the provider's introspection endpoint");
    }

    @Test
    void aRoleWhoseRepDoesNotExistGetsA403BeforeAnyExportByte() {
        for (String accept : List.of("text/csv", "application/x-ndjson", "application/json")) {
            given().auth().oauth2(OidcWiremockTestResource.getAccessToken("nobody-" + accept.length(), Set.of("sales-rep")))
                    .accept(accept).get("/api/v1/accounts").then().statusCode(403).contentType("application/problem+json")
                    .body("detail", equalTo("No sales rep is linked to your identity"));
        }
    }
}
