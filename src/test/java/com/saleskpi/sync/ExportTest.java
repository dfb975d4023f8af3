package com.saleskpi.sync;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Fixtures.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;

/** BI exports: every page of a filtered list, streamed as CSV or NDJSON. */
@QuarkusTest
class ExportTest {

    @Test
    void csvAndNdjsonExportsHoldExactlyTheFilteredRecords() throws Exception {
        String owner = create("/api/v1/reps", Fixtures.repBody());
        for (int i = 0; i < 3; i++) {
            Map<String, Object> lead = Fixtures.leadBody();
            lead.put("ownerRepId", owner);
            lead.put("company", "Company, \"quoted\" " + i);
            create("/api/v1/leads", lead);
        }
        String csv = admin().accept("text/csv").queryParam("ownerRepId", owner).get("/api/v1/leads")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("id,version,createdAt,updatedAt,createdBy,updatedBy,externalRef,fullName"), lines.get(0));
        assertTrue(lines.get(1).contains("\"Company, \"\"quoted\"\" 0\""), lines.get(1));

        String ndjson = admin().accept("application/x-ndjson").queryParam("ownerRepId", owner).queryParam("sort", "receivedAt")
                .get("/api/v1/leads").then().statusCode(200).extract().asString();
        List<String> records = ndjson.lines().toList();
        assertEquals(3, records.size());
        for (String record : records) {
            assertEquals(owner, new ObjectMapper().readTree(record).get("ownerRepId").asText());
        }
    }

    @Test
    void exportsAndListsAreGzippedWhenTheClientAsksForIt() {
        create("/api/v1/reps", Fixtures.repBody());
        for (String type : List.of("application/json", "text/csv", "application/x-ndjson")) {
            var response = admin().accept(type).header("Accept-Encoding", "gzip").get("/api/v1/reps").then().statusCode(200).extract();
            assertEquals("gzip", response.header("Content-Encoding"), type);
            assertEquals(type + ";charset=UTF-8", response.contentType(), "no server-side qs weight in the content type");
            assertTrue(response.asString().contains("@"), "decoded " + type + " body holds the reps: " + response.asString());
        }
        var plain = admin().config(RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .accept("text/csv").get("/api/v1/reps").then().statusCode(200).extract();
        assertNull(plain.header("Content-Encoding"), "uncompressed unless asked for");
    }
}
