package com.saleskpi.imports;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.crud.CrudCollections;
import com.saleskpi.common.crud.CrudService;
import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;

import com.saleskpi.testing.Database;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

@QuarkusTest
class BulkImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    CrudCollections collections;

    /**
     * New rows are inserted set-based, one statement per table, outside the ORM's session. Each importable collection's
     * record, imported and read back, equals the same record created through POST (after the first is deleted, as
     * some have a natural key): every column written, lines and stage history included, and no batch replayed.
     */
    @Test
    void aRecordImportedSetBasedReadsBackAsTheSameRecordCreatedOneByOne() throws Exception {
        for (String collection : collections.names()) {
            CrudService<?> service = collections.find(collection).orElseThrow();
            if (!service.hasExternalRef()) {
                continue;
            }
            Map<String, Object> body = Fixtures.bodyFor(service.table());
            body.put("externalRef", unique(collection));
            double replays = Api.importBatchReplays(service.table());
            admin().contentType("application/x-ndjson").body(JSON.writeValueAsBytes(body)).post("/api/v1/import/" + collection)
                    .then().statusCode(200).body("created", equalTo(1));
            assertEquals(replays, Api.importBatchReplays(service.table()), collection + ": written batch by batch");
            Map<String, Object> imported = admin().queryParam("externalRef", body.get("externalRef")).get("/api/v1/" + collection)
                    .then().statusCode(200).extract().path("items[0]");
            List<Object> importedHistory = stageHistory(collection, imported);
            if (service.immutable()) {
                // never deleted: the second is created beside it, under its own key
                body.put("externalRef", imported.get("externalRef") + "-created");
                imported.put("externalRef", body.get("externalRef"));
            } else {
                admin().delete("/api/v1/" + collection + "/" + imported.get("id")).then().statusCode(204);
            }

            String id = Fixtures.create("/api/v1/" + collection, body);
            Map<String, Object> created = admin().get("/api/v1/" + collection + "/" + id).then().statusCode(200).extract().path("");
            assertEquals(withoutIdentity(created), withoutIdentity(imported), collection);
            assertEquals(stageHistory(collection, created), importedHistory, collection + ": stage history");
            assertEquals(imported.get("createdAt"), imported.get("updatedAt"), collection);
            assertEquals("admin-user", imported.get("createdBy"), collection);
        }
    }

    /** A record without what differs between two creations of it: ids and instants of creation (or submission). */
    private static Object withoutIdentity(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.TreeMap<>();
            map.forEach((key, value) -> {
                if (!List.of("id", "createdAt", "updatedAt", "enteredAt", "submittedAt").contains(key)) {
                    copy.put(key, withoutIdentity(value));
                }
            });
            return copy;
        }
        return node instanceof List<?> list ? list.stream().map(BulkImportTest::withoutIdentity).toList() : node;
    }

    private static List<Object> stageHistory(String collection, Map<String, Object> record) {
        if (!collection.equals("opportunities")) {
            return List.of();
        }
        List<Object> history = admin().get("/api/v1/opportunities/" + record.get("id") + "/stage-history").then().statusCode(200)
                .extract().path("");
        return history.stream().map(entry -> withoutIdentity(((Map<?, ?>) entry).entrySet().stream()
                .filter(e -> !e.getKey().equals("opportunityId")).collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue()))))
                .toList();
    }

    @Test
    void allOrNothingRejectsTheFileForOneBadRowAndWritesNothing() {
        String run = unique("imp");
        String csv = "externalRef,name,segment,industry\n"
                + run + "-1,Alpha,SMB,Retail\n"
                + run + "-2,Beta,GIGANTIC,Retail\n"
                + run + "-3,Gamma,ENTERPRISE,\n";
        long before = Database.count(pool, "account");
        admin().contentType("text/csv").body(csv).post("/api/v1/import/accounts").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("rows[2].segment"));
        assertEquals(before, Database.count(pool, "account"));

        admin().contentType("text/csv").body(csv).queryParam("mode", "VALID_ROWS").post("/api/v1/import/accounts").then()
                .statusCode(200).body("created", equalTo(2)).body("failed", equalTo(1))
                .body("errors.field", contains("rows[2].segment"));
        assertEquals(before + 2, Database.count(pool, "account"));
    }

    @Test
    void reimportingTheSameFileChangesNothingAndChangedRowsAreUpdated() {
        String run = unique("imp");
        String ndjson = "{\"externalRef\":\"" + run + "-1\",\"name\":\"Alpha\",\"segment\":\"SMB\"}\n"
                + "{\"externalRef\":\"" + run + "-2\",\"name\":\"Beta\",\"segment\":\"ENTERPRISE\",\"acquiredOn\":\"2026-01-05\"}\n";
        admin().contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import/accounts").then().statusCode(200)
                .body("created", equalTo(2)).body("unchanged", equalTo(0));
        admin().contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import/accounts").then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(2));
        admin().queryParam("externalRef", run + "-1").get("/api/v1/accounts").then().body("items[0].version", equalTo(0));
        admin().contentType("application/x-ndjson").body(ndjson.replace("Alpha", "Alpha Inc").getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import/accounts").then()
                .statusCode(200).body("updated", equalTo(1)).body("unchanged", equalTo(1));
        admin().queryParam("externalRef", run + "-1").get("/api/v1/accounts").then().body("items[0].name", equalTo("Alpha Inc"));
    }

    @Test
    void aDatabaseErrorDeepInABigFileNamesItsRowInEitherMode() {
        String run = unique("big");
        StringBuilder csv = new StringBuilder("externalRef,name,segment,ownerRepId\n");
        for (int row = 1; row <= 1200; row++) {
            // row 1100 names an owner that does not exist: only the database's foreign key can tell
            csv.append(run).append('-').append(row).append(",Account ").append(row).append(",SMB,")
                    .append(row == 1100 ? "00000000-0000-0000-0000-000000000001" : "").append('\n');
        }
        long before = Database.count(pool, "account");
        admin().contentType("text/csv").body(csv.toString()).post("/api/v1/import/accounts").then().statusCode(422)
                .body("errors.field", contains("rows[1100].ownerRepId"));
        assertEquals(before, Database.count(pool, "account"));

        admin().contentType("text/csv").body(csv.toString()).queryParam("mode", "VALID_ROWS").post("/api/v1/import/accounts").then()
                .statusCode(200).body("created", equalTo(1199)).body("failed", equalTo(1))
                .body("errors.field", contains("rows[1100].ownerRepId"));
        assertEquals(before + 1199, Database.count(pool, "account"));
    }

    @Test
    void aRowRepeatingAnExternalRefUpdatesTheRecordTheFileCreated() {
        String run = unique("twice");
        String csv = "externalRef,name,segment\n" + run + ",First,SMB\n" + run + ",Second,SMB\n";
        admin().contentType("text/csv").body(csv).post("/api/v1/import/accounts").then().statusCode(200)
                .body("created", equalTo(1)).body("updated", equalTo(1));
        admin().queryParam("externalRef", run).get("/api/v1/accounts").then().body("items.name", contains("Second"));
    }

    @Test
    void aRetriedImportWithTheSameIdempotencyKeyGetsTheFirstReportAgain() {
        String run = unique("retry");
        String key = unique("key");
        String csv = "externalRef,name,segment\n" + run + "-1,Alpha,SMB\n" + run + "-2,Beta,SMB\n";
        admin().header("Idempotency-Key", key).contentType("text/csv").body(csv).post("/api/v1/import/accounts").then().statusCode(200)
                .header("Idempotent-Replayed", (String) null).body("created", equalTo(2));
        // without the key the same file would report "unchanged": the retry gets the original report instead
        admin().header("Idempotency-Key", key).contentType("text/csv").body(csv).post("/api/v1/import/accounts").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("created", equalTo(2)).body("unchanged", equalTo(0));
        admin().header("Idempotency-Key", key).contentType("text/csv").body(csv + run + "-3,Gamma,SMB\n").post("/api/v1/import/accounts")
                .then().statusCode(422).contentType("application/problem+json");
        assertEquals(2, Database.countWhere(pool, "account", "external_ref like $1", run + "-%"));

        String validRowsKey = unique("key");
        String withBadRow = "externalRef,name,segment\n" + run + "-4,Delta,SMB\n" + run + "-5,Epsilon,HUGE\n";
        for (String replayed : new String[] { null, "true" }) {
            admin().header("Idempotency-Key", validRowsKey).queryParam("mode", "VALID_ROWS").contentType("text/csv").body(withBadRow)
                    .post("/api/v1/import/accounts").then().statusCode(200).header("Idempotent-Replayed", replayed)
                    .body("created", equalTo(1)).body("failed", equalTo(1)).body("errors.field", contains("rows[2].segment"));
        }
    }

    @Test
    void aFailedImportLeavesItsIdempotencyKeyUnused() {
        String run = unique("fix");
        String key = unique("key");
        admin().header("Idempotency-Key", key).contentType("text/csv").body("externalRef,name,segment\n" + run + ",Alpha,HUGE\n")
                .post("/api/v1/import/accounts").then().statusCode(422).body("errors.field", contains("rows[1].segment"));
        admin().header("Idempotency-Key", key).contentType("text/csv").body("externalRef,name,segment\n" + run + ",Alpha,SMB\n")
                .post("/api/v1/import/accounts").then().statusCode(200).header("Idempotent-Replayed", (String) null)
                .body("created", equalTo(1));
    }

    @Test
    void unknownCollectionsAndUnreadableFilesAreProblems() {
        admin().contentType("text/csv").body("a,b\n1,2\n").post("/api/v1/import/unicorns").then().statusCode(400)
                .body("errors[0].field", equalTo("collection"));
        admin().contentType("application/x-ndjson").body("{not json\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/import/accounts").then().statusCode(400);
        admin().contentType("text/csv").body("externalRef,colour\nx,blue\n").queryParam("mode", "VALID_ROWS")
                .post("/api/v1/import/accounts").then().statusCode(200).body("errors[0].field", equalTo("rows[1].colour"));
    }
}
