package com.saleskpi.testing;

import static io.restassured.RestAssured.given;

import java.util.Set;
import java.util.UUID;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests with real signed bearer tokens from the in-process issuer. */
public final class Api {

    private Api() {
    }

    public static String token(String user, String... roles) {
        return OidcWiremockTestResource.getAccessToken(user, Set.of(roles));
    }

    public static RequestSpecification as(String user, String... roles) {
        return given().auth().oauth2(token(user, roles)).contentType(ContentType.JSON);
    }

    /** A caller whose token's subject is this one (the claim that names a rep, as a rep's externalId). */
    public static RequestSpecification asSubject(String subject, String role) {
        return given().auth().oauth2(OidcWiremockTestResource.generateJwtToken(subject, Set.of(role), subject, "Bearer"))
                .contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as("admin-user", "admin");
    }

    /** Every id a list shows the caller, following nextCursor page after page as a client does. */
    public static java.util.Set<String> allIds(java.util.function.Supplier<RequestSpecification> caller, String path) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        String cursor = null;
        do {
            RequestSpecification page = caller.get().queryParam("limit", 500);
            if (cursor != null) {
                page.queryParam("cursor", cursor);
            }
            var answer = page.get(path).then().statusCode(200).extract();
            ids.addAll(answer.path("items.id"));
            cursor = answer.path("nextCursor");
        } while (cursor != null);
        return ids;
    }

    /**
     * Import batches of this table replayed row by row so far (metric saleskpi_import_batch_replays_total): a valid file
     * adds none, as it is written batch by batch.
     */
    public static double importBatchReplays(String table) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher replays = java.util.regex.Pattern.compile("saleskpi_import_batch_replays_total\\{table=\"" + table + "\"} (\\S+)")
                .matcher(metrics);
        return replays.find() ? Double.parseDouble(replays.group(1)) : 0;
    }

    /** A name no other test uses, so tests can run in any order against one database. */
    /** A text on one line and at most 160 characters, for failure messages about hostile input. */
    public static String abbreviate(String text) {
        String oneLine = text == null ? "null" : text.replace("\u0000", "\\u0000").replace("\n", "\\n");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…(" + oneLine.length() + " chars)" : oneLine;
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
