package com.saleskpi.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/**
 * The GraphQL UI logs in at the identity provider (authorization code with PKCE against the frontend client), and the
 * queries it sends with that browser session are answered for the logged-in user.
 */
@QuarkusTest
class GraphQLUiLoginTest {

    @OidcWireMock
    WireMockServer identityProvider;

    @Test
    void theUiLogsInWithPkceAndItsSessionQueriesGraphQL() {
        answerCodeExchangesWithAFreshAccessToken();
        Response login = given().redirects().follow(false).get("/q/graphql-ui/");
        assertEquals(302, login.statusCode());
        URI authorization = URI.create(login.header("Location"));
        Map<String, String> query = queryOf(authorization);
        assertEquals("code", query.get("response_type"));
        assertEquals("S256", query.get("code_challenge_method"));
        assertTrue(query.containsKey("code_challenge"), authorization.toString());
        Map<String, String> cookies = new HashMap<>(login.cookies());

        // what the identity provider's login page sends the browser back with
        Response callback = given().redirects().follow(false).cookies(cookies).urlEncodingEnabled(false)
                .get(URI.create(query.get("redirect_uri")).getPath() + "?state=" + query.get("state") + "&code=a-code");
        assertEquals(302, callback.statusCode(), callback.asString());
        cookies.putAll(callback.cookies());
        assertTrue(cookies.keySet().stream().anyMatch(name -> name.startsWith("q_session_graphql-ui")), cookies.keySet().toString());

        given().cookies(cookies).redirects().follow(false).get("/q/graphql-ui/").then().statusCode(200)
                .body(containsString("graphiql"));
        given().cookies(cookies).contentType("application/json").body(Map.of("query", "{ me { roles } }")).post("/graphql")
                .then().statusCode(200).body("data.me.roles", hasItem("admin"));
    }

    @Test
    void graphqlWithoutATokenOrASessionIsStillRefused() {
        given().contentType("application/json").body(Map.of("query", "{ me { roles } }")).cookie("q_session_other", "x")
                .post("/graphql").then().statusCode(401);
    }

    /**
     * The issuer's own code-flow stub answers with an access token signed when it started, which expires five minutes
     * later: in a longer run this login would be refused for that token's age alone. The same stub, signed now (the
     * ID token is still the stub's template, made per request for the client that asks).
     */
    private void answerCodeExchangesWithAFreshAccessToken() {
        String accessToken = OidcWiremockTestResource.getAccessToken("alice", Set.of("admin"));
        identityProvider.stubFor(post("/auth/realms/quarkus/token").withRequestBody(containing("authorization_code"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withTransformers("response-template")
                        .withBody("{\"access_token\": \"" + accessToken + "\", "
                                + "\"id_token\": \"{{basic-scheme-id-token 'alice'}}\"}")));
    }

    private static Map<String, String> queryOf(URI uri) {
        Map<String, String> query = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(parts[0], URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        return query;
    }
}
