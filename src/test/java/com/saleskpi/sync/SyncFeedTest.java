package com.saleskpi.sync;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A field app syncs with one paged stream: every record it may see, then, from the next sync on, the deletions. */
@QuarkusTest
class SyncFeedTest {

    private record Synced(List<Map<String, Object>> items, Instant nextSince, int pages) {
    }

    private static RequestSpecification asRep(String subject) {
        String token = OidcWiremockTestResource.generateJwtToken(subject, Set.of("sales-rep"), subject, "Bearer");
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Follows nextCursor to the end, as the app does. */
    private static Synced sync(String subject, Instant since, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        Instant nextSince;
        int pages = 0;
        do {
            RequestSpecification page = asRep(subject).queryParam("limit", limit);
            if (since != null) {
                page.queryParam("since", since.toString());
            }
            if (cursor != null) {
                page.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> answer = page.get("/api/v1/sync/changes").then().statusCode(200).extract();
            List<Map<String, Object>> found = answer.path("items");
            assertTrue(found.size() <= limit, "a page holds at most limit items");
            items.addAll(found);
            cursor = answer.path("nextCursor");
            String next = answer.path("nextSince");
            nextSince = next == null ? null : Instant.parse(next);
            assertTrue(cursor == null || next == null, "nextSince comes only with the last page");
            pages++;
        } while (cursor != null);
        return new Synced(items, nextSince, pages);
    }

    private static Set<String> listed(String subject, String collection) {
        return Api.allIds(() -> asRep(subject), "/api/v1/" + collection);
    }

    @Test
    void aFullSyncThenADeltaSyncConvergeOnWhatTheRepMaySee() {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String subject = unique("sync-rep");
        Map<String, Object> repBody = Fixtures.repBody();
        repBody.put("teamId", team);
        repBody.put("externalId", subject);
        String rep = create("/api/v1/reps", repBody);
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> account = Fixtures.accountBody();
            account.put("ownerRepId", rep);
            accounts.add(create("/api/v1/accounts", account));
        }
        Map<String, Object> deal = Fixtures.opportunityBody();
        deal.put("ownerRepId", rep);
        String dealId = create("/api/v1/opportunities", deal);
        Map<String, Object> othersAccount = Fixtures.accountBody();
        othersAccount.put("ownerRepId", create("/api/v1/reps", Fixtures.repBody()));
        String notMine = create("/api/v1/accounts", othersAccount);

        // first sync: no since; pages of 2 cross collection boundaries
        Synced full = sync(subject, null, 2);
        assertTrue(full.pages() > 1);
        assertNotNull(full.nextSince());
        Map<String, Set<String>> byCollection = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> item : full.items()) {
            assertEquals("UPSERT", item.get("kind"));
            assertTrue(seen.add(item.get("collection") + "/" + item.get("id")), "each record once: " + item);
            assertEquals(item.get("id"), ((Map<?, ?>) item.get("record")).get("id"));
            byCollection.computeIfAbsent((String) item.get("collection"), c -> new HashSet<>()).add((String) item.get("id"));
        }
        for (String collection : List.of("accounts", "opportunities", "reps", "teams", "products", "costs", "survey-responses")) {
            assertEquals(listed(subject, collection), byCollection.getOrDefault(collection, Set.of()), collection + ": the feed holds the list");
        }
        assertTrue(byCollection.get("accounts").containsAll(accounts));
        assertFalse(byCollection.get("accounts").contains(notMine));
        assertEquals(Set.of(rep), byCollection.get("reps"));
        assertEquals(Set.of(team), byCollection.get("teams"));
        assertEquals(Set.of(dealId), byCollection.get("opportunities"));

        // a change and a deletion of the rep's, and a change of someone else's
        asRep(subject).contentType("application/merge-patch+json").body(Map.of("industry", "Mining")).patch("/api/v1/accounts/" + accounts.get(0))
                .then().statusCode(200).body("version", equalTo(1));
        asRep(subject).delete("/api/v1/accounts/" + accounts.get(1)).then().statusCode(204);
        admin().contentType("application/merge-patch+json").body(Map.of("industry", "Mining")).patch("/api/v1/accounts/" + notMine)
                .then().statusCode(200);

        Synced delta = sync(subject, full.nextSince(), 500);
        assertTrue(delta.items().stream().anyMatch(item -> accounts.get(0).equals(item.get("id")) && "UPSERT".equals(item.get("kind"))
                && Integer.valueOf(1).equals(((Map<?, ?>) item.get("record")).get("version"))), "the change");
        assertTrue(delta.items().stream().anyMatch(item -> accounts.get(1).equals(item.get("id")) && "DELETE".equals(item.get("kind"))
                && "accounts".equals(item.get("collection"))), "the deletion");
        assertFalse(delta.items().stream().anyMatch(item -> notMine.equals(item.get("id"))), "nothing of another rep's");
        int firstDeletion = delta.items().indexOf(delta.items().stream().filter(item -> "DELETE".equals(item.get("kind"))).findFirst().orElseThrow());
        assertTrue(delta.items().subList(firstDeletion, delta.items().size()).stream().allMatch(item -> "DELETE".equals(item.get("kind"))),
                "deletions come after every changed record");
    }

    @Test
    void anExpiredSyncPointAndAForeignCursorAreRefused() {
        String subject = unique("sync-rep");
        Map<String, Object> repBody = Fixtures.repBody();
        repBody.put("externalId", subject);
        create("/api/v1/reps", repBody);
        asRep(subject).queryParam("since", Instant.now().minus(Duration.ofDays(31)).toString()).get("/api/v1/sync/changes").then()
                .statusCode(410).contentType("application/problem+json").body("type", equalTo("urn:saleskpi:problem:sync-point-expired"));
        asRep(subject).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/sync/changes").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
    }
}
