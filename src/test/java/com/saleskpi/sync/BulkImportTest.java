package com.saleskpi.sync;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Database;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

@QuarkusTest
class BulkImportTest {

    @Inject
    Pool pool;

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
