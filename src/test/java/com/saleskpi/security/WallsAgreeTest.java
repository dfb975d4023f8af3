package com.saleskpi.security;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.crud.CrudCollections;
import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.testing.Database;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * The service's own check and the database's row-level security decide alike: every write path (POST, PUT, PATCH,
 * DELETE, CSV and NDJSON import in both modes, GraphQL mutations) of every rep and manager, on every collection they
 * may write, with every placement (owner absent, in scope, out of scope, team in and out of scope, territory given),
 * generated from the @Owned declarations. No answer is a 5xx, a record placed outside the scope is refused and not
 * written, a record without an owner belongs to its creator, and PostgreSQL's log shows no policy violation: the
 * policy never had to refuse.
 */
@QuarkusTest
class WallsAgreeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Object ABSENT = new Object();

    @Inject
    AccessRules rules;

    @Inject
    CrudCollections collections;

    @Inject
    Pool pool;

    record Caller(String name, String subject, Role role, String rep) {
        RequestSpecification api() {
            String roleName = role == Role.MANAGER ? "sales-manager" : "sales-rep";
            return given().auth().oauth2(OidcWiremockTestResource.generateJwtToken(subject, Set.of(roleName), subject, "Bearer"))
                    .contentType(ContentType.JSON);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** How the placing fields of a body are set, and whether the caller may hold the record: true, false, or null (either). */
    record Placement(String name, Map<String, Object> fields, Boolean admitted, String owner) {
    }

    private String teamA, teamB, repA, repB, territory;

    @TestFactory
    Stream<DynamicNode> everyWritePathOfRepsAndManagersAgreesWithThePolicy() {
        teamA = create("/api/v1/teams", Fixtures.teamBody());
        teamB = create("/api/v1/teams", Fixtures.teamBody());
        String managerSubject = unique("walls-mgr"), repSubject = unique("walls-rep");
        String managerRep = Fixtures.repFor(managerSubject, teamA, "SALES_MANAGER");
        repA = Fixtures.repFor(repSubject, teamA, "ACCOUNT_EXECUTIVE");
        repB = Fixtures.repFor(unique("walls-other"), teamB, "ACCOUNT_EXECUTIVE");
        admin().contentType("application/merge-patch+json").body(Map.of("managerId", managerRep)).patch("/api/v1/teams/" + teamA)
                .then().statusCode(200);
        territory = create("/api/v1/territories", Fixtures.territoryBody());
        List<Caller> callers = List.of(new Caller("manager", managerSubject, Role.MANAGER, managerRep),
                new Caller("rep", repSubject, Role.REP, repA));
        String logStart = databaseLogEnd();

        List<DynamicNode> nodes = new ArrayList<>();
        for (String collection : collections.names()) {
            Ownership rule = collections.find(collection).orElseThrow().ownership();
            if (rule.reference() || rule.declaration().rep().equals("id") || rule.declaration().team().equals("id")) {
                continue;
            }
            List<DynamicNode> perCaller = callers.stream().filter(caller -> rule.writers().contains(caller.role()))
                    .map(caller -> (DynamicNode) dynamicContainer(caller.name(), placements(rule, caller).stream().map(placement ->
                            dynamicTest(placement.name(), () -> everyPath(collection, rule, caller, placement)))))
                    .toList();
            if (!perCaller.isEmpty()) {
                nodes.add(dynamicContainer(collection, Stream.concat(perCaller.stream(), callers.stream()
                        .filter(caller -> rule.writers().contains(caller.role()))
                        .map(caller -> dynamicTest(caller.name() + " deletes", () -> deletes(collection, rule, caller))))));
            }
        }
        nodes.add(dynamicContainer("GraphQL mutations", callers.stream().map(caller -> dynamicTest(caller.name(), () -> {
            int status = caller.api().body(Map.of("query", "mutation { defineKpi(kpi: { name: \"walls_" + caller.role().name().toLowerCase()
                    + "\", title: \"t\", unit: RATIO, direction: HIGHER_IS_BETTER, formula: \"deals_won / deals_lost\" }) { name } }"))
                    .post("/graphql").then().extract().statusCode();
            assertTrue(status < 500, "a GraphQL mutation answers " + status);
        }))));
        nodes.add(dynamicTest("PostgreSQL refused no row: the service decided first", () -> {
            Assumptions.assumeTrue(logStart != null, "PostgreSQL's log is not readable here");
            List<String> refusals = databaseLogSince(logStart).stream().filter(line -> line.contains("row-level security policy")).toList();
            assertEquals(List.of(), refusals);
        }));
        return nodes.stream();
    }

    /** The placements of the rule's fields that a caller may try, each with what the policy decides of it. */
    private List<Placement> placements(Ownership rule, Caller caller) {
        Owned owned = rule.declaration();
        String rep = owned.rep(), team = owned.team();
        boolean defaulted = !rule.ownerProperty().isEmpty();
        List<Placement> placements = new ArrayList<>();
        Map<String, Object> absent = new HashMap<>();
        Stream.of(rep, team).filter(field -> !field.isEmpty()).forEach(field -> absent.put(field, ABSENT));
        // without an owner, a record is the creator's where the rule has an owner to give, or its account's owner's (the
        // caller's here); else it is nobody's, and refused
        placements.add(new Placement("owner absent", absent, defaulted || !owned.account().isEmpty(), defaulted ? caller.rep() : null));
        if (!rep.isEmpty()) {
            placements.add(new Placement("owner in scope", Map.of(rep, caller.rep()), true, caller.rep()));
            if (caller.role() == Role.MANAGER) {
                placements.add(new Placement("owner one of the manager's reps", Map.of(rep, repA), true, repA));
            }
            placements.add(new Placement("owner out of scope", Map.of(rep, repB), false, null));
        }
        if (!team.isEmpty()) {
            placements.add(new Placement("team in scope", Map.of(team, teamA), rep.isEmpty() ? true : null, null));
            placements.add(new Placement("team out of scope", Map.of(team, teamB), false, null));
        }
        if (!owned.territory().isEmpty()) {
            placements.add(new Placement("territory given", Map.of(rep, ABSENT, owned.territory(), territory), true, caller.rep()));
        }
        return placements;
    }

    private void everyPath(String collection, Ownership rule, Caller caller, Placement placement) throws JsonProcessingException {
        String path = "/api/v1/" + collection;
        long before = Database.count(pool, rule.table());
        ExtractableResponse<Response> created = caller.api().body(placed(rule, caller, placement)).post(path).then().extract();
        expect(placement, created, 201, "POST");
        if (created.statusCode() == 201 && placement.owner() != null && !rule.ownerProperty().isEmpty()) {
            assertEquals(placement.owner(), created.path(rule.ownerProperty()), "the owner of a record created " + placement.name());
        }
        assertEquals(before + (created.statusCode() == 201 ? 1 : 0), Database.count(pool, rule.table()), "POST writes its record or nothing");

        String own = create(path, body(rule, caller.rep()));
        if (collections.find(collection).orElseThrow().immutable()) {
            caller.api().body(placed(rule, caller, placement)).put(path + "/" + own).then().statusCode(405);
            caller.api().contentType("application/merge-patch+json").body("{}").patch(path + "/" + own).then().statusCode(405);
            return;
        }
        ExtractableResponse<Response> replaced = caller.api().body(placed(rule, caller, placement)).put(path + "/" + own).then().extract();
        expect(placement, replaced, 200, "PUT");
        Map<String, Object> patch = new HashMap<>();
        placement.fields().forEach((field, value) -> patch.put(field, value == ABSENT ? null : value));
        ExtractableResponse<Response> patched = caller.api().contentType("application/merge-patch+json").body(patch)
                .patch(path + "/" + own).then().extract();
        expect(placement, patched, 200, "PATCH");
        if (placement.fields().get(rule.ownerProperty()) == ABSENT && patched.statusCode() == 200) {
            assertEquals(caller.rep(), patched.path(rule.ownerProperty()), "a change that names no owner keeps the stored one");
        }

        if (!collections.find(collection).orElseThrow().hasExternalRef()) {
            return; // imported by externalRef only
        }
        for (String mode : List.of("ALL_OR_NOTHING", "VALID_ROWS")) {
            Map<String, Object> row = placed(rule, caller, placement);
            row.put("externalRef", unique("walls"));
            imports(caller, collection, mode, "application/x-ndjson", JSON.writeValueAsString(row), placement);
            if (row.values().stream().noneMatch(value -> value instanceof List || value instanceof Map)) {
                row.put("externalRef", unique("walls"));
                imports(caller, collection, mode, "text/csv", csv(row), placement);
            }
        }
    }

    private void imports(Caller caller, String collection, String mode, String type, String file, Placement placement) {
        ExtractableResponse<Response> report = caller.api().contentType(type).queryParam("mode", mode).body(file.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/import/" + collection).then().extract();
        String what = "import " + type + " " + mode;
        assertTrue(report.statusCode() < 500, what + " answers " + report.statusCode() + ": " + report.asString());
        if (placement.admitted() == null) {
            return;
        }
        if (placement.admitted()) {
            assertEquals(200, report.statusCode(), what + ": " + report.asString());
            assertEquals(1, (Integer) report.path("created"), what + ": " + report.asString());
        } else if (mode.equals("VALID_ROWS")) {
            assertEquals(200, report.statusCode(), what + ": " + report.asString());
            assertEquals(List.of(0, 1), List.of(report.path("created"), report.path("failed")), what + ": " + report.asString());
        } else {
            assertTrue(report.statusCode() == 403 || report.statusCode() == 422, what + " refuses with " + report.statusCode());
        }
    }

    private void deletes(String collection, Ownership rule, Caller caller) {
        String path = "/api/v1/" + collection + "/";
        if (collections.find(collection).orElseThrow().immutable()) {
            caller.api().delete(path + create("/api/v1/" + collection, body(rule, caller.rep()))).then().statusCode(405);
            return;
        }
        caller.api().delete(path + create("/api/v1/" + collection, body(rule, caller.rep()))).then().statusCode(204);
        caller.api().delete(path + create("/api/v1/" + collection, body(rule, repB))).then().statusCode(404);
    }

    private static void expect(Placement placement, ExtractableResponse<Response> answer, int success, String what) {
        int status = answer.statusCode();
        assertTrue(status < 500, what + " " + placement.name() + " answers " + status + ": " + answer.asString());
        if (placement.admitted() != null) {
            if (placement.admitted()) {
                assertEquals(success, status, what + " " + placement.name() + ": " + answer.asString());
            } else {
                assertTrue(status == 403 || status == 422, what + " " + placement.name() + " is refused, not " + status);
                assertEquals("application/problem+json", answer.contentType());
            }
        }
    }

    /** A valid body owned by the rep, whose references are records of that rep (so that the rep may name them). */
    private Map<String, Object> body(Ownership rule, String rep) {
        Owned owned = rule.declaration();
        Map<String, Object> body = Fixtures.bodyFor(rule.table());
        rules.references(rule.entity()).forEach((property, referenced) -> {
            if (body.get(property) != null) {
                body.put(property, create("/api/v1/" + AccessMatrixTest.collectionOf(collections, referenced), body(referenced, rep)));
            }
        });
        if (!owned.account().isEmpty()) {
            Map<String, Object> account = Fixtures.accountBody();
            account.put("ownerRepId", rep);
            body.put(owned.account(), create("/api/v1/accounts", account));
        }
        if (!owned.rep().isEmpty() && (owned.account().isEmpty() || body.containsKey(owned.rep()))) {
            body.put(owned.rep(), rep);
        }
        if (!owned.team().isEmpty()) {
            body.put(owned.team(), rep.equals(repB) ? teamB : teamA);
            if (!owned.rep().isEmpty()) {
                body.remove(owned.team()); // placed with the rep's team
            }
        }
        return body;
    }

    private Map<String, Object> placed(Ownership rule, Caller caller, Placement placement) {
        Map<String, Object> body = body(rule, caller.rep());
        placement.fields().forEach((field, value) -> {
            if (value == ABSENT) {
                body.remove(field);
            } else {
                body.put(field, value);
            }
        });
        return body;
    }


    private static String csv(Map<String, Object> row) {
        Map<String, Object> ordered = new LinkedHashMap<>(row);
        return String.join(",", ordered.keySet()) + "\n" + String.join(",", ordered.values().stream().map(String::valueOf).toList()) + "\n";
    }

    /** PostgreSQL's log (the server's own file, or the Debian cluster's): its current end, null when it cannot be read. */
    private String databaseLogEnd() {
        Path log = databaseLog();
        try {
            return log == null ? null : log + ":" + Files.size(log);
        } catch (IOException e) {
            return null;
        }
    }

    /** The lines of this test's database that the log gained since the mark. */
    private List<String> databaseLogSince(String mark) throws IOException {
        int colon = mark.lastIndexOf(':');
        Path log = Path.of(mark.substring(0, colon));
        String database = pool.query("select current_database()").execute().await().indefinitely().iterator().next().getString(0);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Long.parseLong(mark.substring(colon + 1));
            byte[] added = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(added);
            return new String(added, StandardCharsets.UTF_8).lines().filter(line -> line.contains("@" + database + " ")).toList();
        }
    }

    private Path databaseLog() {
        var row = pool.query("select pg_current_logfile(), current_setting('data_directory'), current_setting('server_version_num')")
                .execute().await().indefinitely().iterator().next();
        String version = row.getString(2);
        Path log = row.getString(0) != null ? Path.of(row.getString(1)).resolve(row.getString(0))
                : Path.of("/var/log/postgresql/postgresql-" + version.substring(0, version.length() - 4) + "-main.log");
        return Files.isReadable(log) ? log : null;
    }
}
