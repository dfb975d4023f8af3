package com.saleskpi.common;

import static com.saleskpi.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;

/** Browser code on an allowed origin may call the API and read the headers its answers rely on. */
@QuarkusTest
class BrowserAccessTest {

    private static final String ORIGIN = "http://localhost:3000";

    @Test
    void aPreflightFromAnAllowedOriginIsAccepted() {
        given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,if-match,content-type").options("/api/v1/teams/x")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo(ORIGIN));
        // a dashboard reading its own write from a replica sends the write's token
        given().header("Origin", ORIGIN).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,x-consistency-token").options("/api/v1/kpis/snapshot")
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo(ORIGIN))
                .header("Access-Control-Allow-Headers", containsString("x-consistency-token"));
    }

    @Test
    void answersExposeTheHeadersClientsNeed() {
        String team = Fixtures.create("/api/v1/teams", Fixtures.teamBody());
        admin().header("Origin", ORIGIN).get("/api/v1/teams/" + team).then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ORIGIN))
                .header("Access-Control-Expose-Headers", allOf(containsString("ETag"), containsString("Location"),
                        containsString("Idempotent-Replayed"), containsString("X-Request-Id"), containsString("Retry-After"),
                        containsString("X-Consistency-Token")));
    }

    @Test
    void swaggerUiLogsInAtTheIdentityProviderWithPkce() {
        given().get("/q/swagger-ui/index.html").then().statusCode(200)
                .body(allOf(containsString("sales-frontend"), containsString("usePkceWithAuthorizationCodeGrant")));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.oidc.type", equalTo("openIdConnect"))
                .body("components.securitySchemes.oidc.openIdConnectUrl", containsString("/.well-known/openid-configuration"));
    }
}
