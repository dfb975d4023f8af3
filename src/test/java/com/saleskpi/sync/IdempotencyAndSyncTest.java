package com.saleskpi.sync;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Database;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/** Field apps on flaky networks: retried POSTs create once, and a sync loop converges on the server's state. */
@QuarkusTest
class IdempotencyAndSyncTest {

    @Inject
    Pool pool;

    @Inject
    SyncRetention retention;

    @Test
    void retriedPostWithTheSameKeyCreatesOneRecord() {
        Map<String, Object> activity = Fixtures.activityBody();
        String key = unique("key");
        long before = Database.count(pool, "activity");
        var first = admin().header("Idempotency-Key", key).body(activity).post("/api/v1/activities").then().statusCode(201).extract();
        var retry = admin().header("Idempotency-Key", key).body(activity).post("/api/v1/activities").then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract();
        assertEquals(first.asString(), retry.asString());
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(before + 1, Database.count(pool, "activity"));

        activity.put("durationMinutes", 99);
        admin().header("Idempotency-Key", key).body(activity).post("/api/v1/activities").then().statusCode(422)
                .contentType("application/problem+json");
        assertEquals(before + 1, Database.count(pool, "activity"));
    }

    @Test
    void concurrentRetriesStillCreateOneRecord() throws Exception {
        Map<String, Object> activity = Fixtures.activityBody();
        String key = unique("key");
        long before = Database.count(pool, "activity");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ExtractableResponse<Response>>> posts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                posts.add(() -> admin().header("Idempotency-Key", key).body(activity).post("/api/v1/activities").then().extract());
            }
            List<String> ids = new ArrayList<>();
            for (Future<ExtractableResponse<Response>> answer : threads.invokeAll(posts)) {
                assertEquals(201, answer.get().statusCode(), answer.get().asString());
                ids.add(answer.get().path("id"));
            }
            assertEquals(1, ids.stream().distinct().count(), "every retry answers the same record");
        } finally {
            threads.shutdown();
        }
        assertEquals(before + 1, Database.count(pool, "activity"));
    }

    @Test
    void aFailedCreateDoesNotBurnTheKey() {
        String key = unique("key");
        Map<String, Object> deal = Fixtures.opportunityBody();
        deal.put("accountId", "0190a0c0-0000-7000-8000-000000000000");
        admin().header("Idempotency-Key", key).body(deal).post("/api/v1/opportunities").then().statusCode(422);
        deal.remove("accountId");
        // the failed attempt left nothing behind, so the key is free for the corrected request
        admin().header("Idempotency-Key", key).body(deal).post("/api/v1/opportunities").then().statusCode(201);
        admin().header("Idempotency-Key", "x".repeat(300)).body(deal).post("/api/v1/opportunities").then().statusCode(400);
    }

    @Test
    void syncLoopConvergesOnTheServerStateDeletionsIncluded() throws InterruptedException {
        String owner = create("/api/v1/reps", Fixtures.repBody());
        Map<String, Map<String, Object>> client = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create("/api/v1/leads", lead(owner)));
        }
        Instant since = sync(owner, null, client);
        assertEquals(5, client.size());

        Thread.sleep(5);
        admin().contentType("application/merge-patch+json").body(Map.of("stage", "MQL")).patch("/api/v1/leads/" + ids.get(0))
                .then().statusCode(200);
        admin().delete("/api/v1/leads/" + ids.get(1)).then().statusCode(204);
        String added = create("/api/v1/leads", lead(owner));

        Instant next = sync(owner, since, client);
        for (Map<String, Object> deletion : admin().queryParam("entity", "leads").queryParam("since", since.toString())
                .get("/api/v1/sync/deletions").then().statusCode(200).extract().<List<Map<String, Object>>>path("items")) {
            client.remove((String) deletion.get("id"));
        }
        // the client now holds exactly what the server holds
        List<Map<String, Object>> server = admin().queryParam("ownerRepId", owner).get("/api/v1/leads").then().extract().path("items");
        assertEquals(server.size(), client.size());
        server.forEach(lead -> assertEquals(lead, client.get((String) lead.get("id"))));
        assertEquals("MQL", client.get(ids.get(0)).get("stage"));
        assertEquals(true, client.containsKey(added));
        admin().queryParam("entity", "unicorns").queryParam("since", since.toString()).get("/api/v1/sync/deletions")
                .then().statusCode(400).body("errors[0].field", equalTo("entity"));
        org.junit.jupiter.api.Assertions.assertTrue(!next.isBefore(since));
    }

    @Test
    void expiredTombstonesAndKeysArePurgedAndATooOldSyncPointMustSyncInFull() {
        String stale = unique("stale");
        String fresh = unique("fresh");
        pool.preparedQuery("""
                insert into deleted_record (entity, record_id, deleted_at) values
                  ('lead', gen_random_uuid(), now() - interval '31 days'), ('lead', gen_random_uuid(), now() - interval '29 days');
                """).execute().await().indefinitely();
        pool.preparedQuery("insert into idempotency_record (caller, key, request_hash, created_at) values"
                + " ($1, $1, repeat('0', 64), now() - interval '25 hours'), ($2, $2, repeat('0', 64), now() - interval '23 hours')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(stale, fresh)).await().indefinitely();
        long oldTombstones = Database.countWhere(pool, "deleted_record", "deleted_at < now() - interval '30 days'");
        long keptTombstones = Database.countWhere(pool, "deleted_record", "deleted_at >= now() - interval '30 days'");
        assertTrue(oldTombstones > 0);

        retention.purgeExpired().await().indefinitely();

        assertEquals(0, Database.countWhere(pool, "deleted_record", "deleted_at < now() - interval '30 days'"));
        assertEquals(keptTombstones, Database.countWhere(pool, "deleted_record", "deleted_at >= now() - interval '30 days'"));
        assertEquals(0, Database.countWhere(pool, "idempotency_record", "caller = $1", stale));
        assertEquals(1, Database.countWhere(pool, "idempotency_record", "caller = $1", fresh));

        admin().queryParam("entity", "leads").queryParam("since", Instant.now().minus(Duration.ofDays(31)).toString())
                .get("/api/v1/sync/deletions").then().statusCode(410).contentType("application/problem+json")
                .body("type", equalTo("urn:saleskpi:problem:sync-point-expired")).body("errors[0].field", equalTo("since"));
        admin().queryParam("entity", "leads").queryParam("since", Instant.now().minus(Duration.ofDays(29)).toString())
                .get("/api/v1/sync/deletions").then().statusCode(200);
    }

    private static Map<String, Object> lead(String owner) {
        Map<String, Object> lead = Fixtures.leadBody();
        lead.put("ownerRepId", owner);
        return lead;
    }

    /** One round of the client's sync loop: pages of changes since the last sync, in updatedAt order. */
    private static Instant sync(String owner, Instant since, Map<String, Map<String, Object>> client) {
        Instant latest = since == null ? Instant.EPOCH : since;
        String cursor = null;
        do {
            var request = admin().queryParam("ownerRepId", owner).queryParam("sort", "updatedAt").queryParam("limit", 2);
            if (since != null) {
                request.queryParam("updatedSince", since.toString());
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/leads").then().statusCode(200).extract();
            for (Map<String, Object> lead : page.<List<Map<String, Object>>>path("items")) {
                client.put((String) lead.get("id"), lead);
                Instant updated = Instant.parse((String) lead.get("updatedAt"));
                latest = updated.isAfter(latest) ? updated : latest;
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return latest;
    }

    @Test
    void deletionsThatShareAnInstantAreAllPagedByCursor() {
        Instant since = Instant.now().minusSeconds(1);
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            channels.add(create("/api/v1/channels", Fixtures.channelBody()));
        }
        channels.forEach(id -> admin().delete("/api/v1/channels/" + id).then().statusCode(204));
        // as one transaction's deletions on one clock tick: paging by the instant alone would stop after the first
        pool.preparedQuery("update deleted_record set deleted_at = $1 where record_id = any($2)")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC),
                        channels.stream().map(java.util.UUID::fromString).toArray(java.util.UUID[]::new)))
                .await().indefinitely();
        List<String> delivered = new ArrayList<>();
        String cursor = null;
        do {
            var page = admin().queryParam("entity", "channels").queryParam("since", since.toString()).queryParam("limit", 1);
            ExtractableResponse<Response> answer = (cursor == null ? page : page.queryParam("cursor", cursor))
                    .get("/api/v1/sync/deletions").then().statusCode(200).extract();
            delivered.addAll(answer.<List<String>>path("items.id"));
            cursor = answer.path("nextCursor");
        } while (cursor != null);
        assertTrue(delivered.containsAll(channels), delivered + " holds " + channels);
        assertEquals(delivered.size(), new java.util.HashSet<>(delivered).size(), "each deletion once");
        admin().queryParam("entity", "channels").queryParam("since", since.toString()).queryParam("cursor", "bm9wZQ")
                .get("/api/v1/sync/deletions").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }
}
