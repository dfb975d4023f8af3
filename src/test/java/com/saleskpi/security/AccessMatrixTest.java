package com.saleskpi.security;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static com.saleskpi.testing.Fixtures.map;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.crud.CrudCollections;
import com.saleskpi.security.CallerScope.Role;
import com.saleskpi.testing.Api;
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
 * Every role x every entity x every path, generated from the entities' access declarations (@Owned): a new entity
 * gets its rows from its declaration and a fixture body, with no new test code. Each entity has a record owned by
 * rep A of team A (managed by manager A) and one owned by rep B of team B; each caller must see, change, import,
 * refer to, export, sync and count exactly what its scope holds, and learn of exactly the deletions of the records
 * its list showed.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AccessRules rules;

    @Inject
    CrudCollections collections;

    @Inject
    Pool pool;

    /** A caller, the rep and team it creates its own records for, and which side it sees (null: both). */
    record Caller(String name, String subject, Role role, String rep, String team, Boolean seesA) {
        RequestSpecification api() {
            String roleName = List.of("admin", "analyst", "sales-manager", "sales-rep").get(role.ordinal());
            String token = OidcWiremockTestResource.generateJwtToken(subject, Set.of(roleName), subject, "Bearer");
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }

        boolean sees(Ownership rule, boolean ownedByA) {
            return rule.reference() || seesA == null || seesA == ownedByA;
        }

        boolean writes(Ownership rule) {
            return rule.writers().contains(role);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** One entity's rule, where it lives, and its records: owned by side A and by side B, and two more to delete. */
    record Entity(Ownership rule, String collection, String mine, String theirs, String doomedMine, String doomedTheirs) {
        String path() {
            return "/api/v1/" + collection;
        }

        String path(String id) {
            return path() + "/" + id;
        }
    }

    private String teamA, teamB, repA, repB, managerA;
    private Instant worldStart;
    private final Map<String, List<Map<String, Object>>> syncFeeds = new HashMap<>();

    @TestFactory
    Stream<DynamicNode> everyRoleEveryEntityEveryPath() {
        worldStart = Instant.now().minusSeconds(1);
        teamA = create("/api/v1/teams", Fixtures.teamBody());
        teamB = create("/api/v1/teams", Fixtures.teamBody());
        String subjectManagerA = unique("matrix-mgr"), subjectRepA = unique("matrix-rep-a"), subjectRepB = unique("matrix-rep-b");
        managerA = create("/api/v1/reps", rep(teamA, subjectManagerA));
        repA = create("/api/v1/reps", rep(teamA, subjectRepA));
        repB = create("/api/v1/reps", rep(teamB, subjectRepB));
        admin().contentType("application/merge-patch+json").body(Map.of("managerId", managerA)).patch("/api/v1/teams/" + teamA)
                .then().statusCode(200);
        List<Caller> callers = List.of(
                new Caller("admin", "matrix-admin", Role.ADMIN, repA, teamA, null),
                new Caller("analyst", "matrix-analyst", Role.ANALYST, repA, teamA, null),
                new Caller("manager A", subjectManagerA, Role.MANAGER, managerA, teamA, true),
                new Caller("rep A", subjectRepA, Role.REP, repA, teamA, true),
                new Caller("rep B", subjectRepB, Role.REP, repB, teamB, false));

        List<Entity> entities = collections.names().stream().map(name -> {
            Ownership rule = collections.find(name).orElseThrow().ownership();
            return new Entity(rule, name, ownedBy(rule, repA, teamA, false), ownedBy(rule, repB, teamB, false),
                    ownedBy(rule, repA, teamA, true), ownedBy(rule, repB, teamB, true));
        }).toList();
        assertEquals(rules.all().size(), entities.size(), "every entity with an access rule is a collection of the API");

        Stream<DynamicNode> perEntity = entities.stream().map(entity -> dynamicContainer(entity.collection(), callers.stream()
                .map(caller -> dynamicContainer(caller.name(), Stream.of(
                        dynamicTest("list, get, export and sync feed show the same records", () -> reads(entity, caller)),
                        dynamicTest("update, create and delete stay in scope", () -> writes(entity, caller)),
                        dynamicTest("bulk import checks role and scope per row", () -> imports(entity, caller)),
                        dynamicTest("references name only readable records", () -> references(entity, caller, entities)))))));
        return Stream.concat(perEntity, Stream.of(
                dynamicContainer("KPIs", callers.stream().map(caller -> dynamicTest(caller.name(), () -> kpis(caller, callers)))),
                dynamicTest("deletions reach exactly the callers whose lists showed the record", () -> deletions(entities, callers))));
    }

    private static Map<String, Object> rep(String team, String subject) {
        Map<String, Object> body = Fixtures.repBody();
        body.put("teamId", team);
        body.put("externalId", subject);
        return body;
    }

    /**
     * A record of the rule's entity owned by a rep and team, built from the fixture body by the declaration: its
     * account (owned by the rep), else its rep, else its team. The rep and team themselves own their own records.
     */
    private String ownedBy(Ownership rule, String rep, String team, boolean fresh) {
        Owned owned = rule.declaration();
        if (owned.rep().equals("id")) {
            return fresh ? create("/api/v1/reps", rep(team, unique("matrix-doomed"))) : rep;
        }
        if (owned.team().equals("id")) {
            return fresh ? create("/api/v1/teams", map("name", unique("Sub-team"), "parentId", team)) : team;
        }
        return create("/api/v1/" + collectionOf(rule), body(rule, rep, team));
    }

    /**
     * A valid body owned by the rep and team, whose references (the fixture's own) are to records of that rep too, so
     * that the rep may name them.
     */
    private Map<String, Object> body(Ownership rule, String rep, String team) {
        Owned owned = rule.declaration();
        Map<String, Object> body = Fixtures.bodyFor(rule.table());
        rules.references(rule.entity()).forEach((property, referenced) -> {
            if (body.get(property) != null) {
                body.put(property, ownedBy(referenced, rep, team, true));
            }
        });
        if (!owned.account().isEmpty()) {
            Map<String, Object> account = Fixtures.accountBody();
            account.put("ownerRepId", rep);
            body.put(owned.account(), create("/api/v1/accounts", account));
        } else if (!owned.rep().isEmpty()) {
            body.put(owned.rep(), rep);
        } else if (!owned.team().isEmpty()) {
            body.put(owned.team(), team);
        }
        return body;
    }

    private String collectionOf(Ownership rule) {
        return collectionOf(collections, rule);
    }

    /** The API collection of the rule's entity (also WallsAgreeTest's). */
    static String collectionOf(CrudCollections collections, Ownership rule) {
        return collections.names().stream().filter(name -> collections.find(name).orElseThrow().table().equals(rule.table()))
                .findFirst().orElseThrow();
    }

    private void reads(Entity entity, Caller caller) throws JsonProcessingException {
        Set<String> listed = listed(caller, entity);
        assertEquals(caller.sees(entity.rule(), true), listed.contains(entity.mine()), "side A's record in the list");
        assertEquals(caller.sees(entity.rule(), false), listed.contains(entity.theirs()), "side B's record in the list");
        for (String id : List.of(entity.mine(), entity.theirs())) {
            caller.api().get(entity.path(id)).then().statusCode(listed.contains(id) ? 200 : 404);
        }
        String ndjson = caller.api().accept("application/x-ndjson").get(entity.path()).then().statusCode(200).extract().asString();
        Set<String> exported = new HashSet<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                exported.add(JSON.readTree(line).get("id").asText());
            }
        }
        assertEquals(listed, exported, "the export holds exactly the records of the list");
        Set<String> synced = new HashSet<>();
        syncFeed(caller).stream().filter(item -> entity.collection().equals(item.get("collection")) && "UPSERT".equals(item.get("kind")))
                .forEach(item -> synced.add((String) item.get("id")));
        assertTrue(listed.containsAll(synced), "the sync feed holds no record the list does not");
        for (String id : List.of(entity.mine(), entity.theirs())) {
            assertEquals(listed.contains(id), synced.contains(id), "the sync feed holds " + id + " exactly when the list does");
        }
    }

    private void writes(Entity entity, Caller caller) {
        Ownership rule = entity.rule();
        for (boolean sideA : List.of(true, false)) {
            String id = sideA ? entity.mine() : entity.theirs();
            // records never changed have no update: 405 whoever asks
            int expected = immutable(entity) ? 405 : !caller.writes(rule) ? 403 : caller.sees(rule, sideA) ? 200 : 404;
            caller.api().contentType("application/merge-patch+json").body("{}").patch(entity.path(id)).then().statusCode(expected);
        }
        if (rule.declaration().rep().equals("id") || rule.declaration().team().equals("id")) {
            return;
        }
        Map<String, Object> own = body(rule, caller.rep(), caller.team());
        long before = Database.count(pool, rule.table());
        caller.api().body(own).post(entity.path()).then().statusCode(caller.writes(rule) ? 201 : 403);
        assertEquals(before + (caller.writes(rule) ? 1 : 0), Database.count(pool, rule.table()));
        if (caller.seesA() != null && !rule.reference()) {
            Map<String, Object> outside = caller.seesA() ? body(rule, repB, teamB) : body(rule, repA, teamA);
            long beforeOutside = Database.count(pool, rule.table());
            // placed through an account, the record names an account the caller cannot read: the 422 of a missing id
            int refused = caller.writes(rule) && !rule.declaration().account().isEmpty() ? 422 : 403;
            caller.api().body(outside).post(entity.path()).then().statusCode(refused).contentType("application/problem+json");
            assertEquals(beforeOutside, Database.count(pool, rule.table()), "a record placed outside the scope is not written");
        }
    }

    private void imports(Entity entity, Caller caller) throws JsonProcessingException {
        Ownership rule = entity.rule();
        if (!hasExternalRef(rule)) {
            return;
        }
        Map<String, Object> row = body(rule, caller.rep(), caller.team());
        row.put("externalRef", unique("matrix-import"));
        long before = Database.count(pool, rule.table());
        var answer = caller.api().contentType("application/x-ndjson").body(JSON.writeValueAsBytes(row)).post("/api/v1/import/" + entity.collection())
                .then().statusCode(caller.writes(rule) ? 200 : 403);
        if (caller.writes(rule)) {
            answer.body("created", equalTo(1));
        }
        assertEquals(before + (caller.writes(rule) ? 1 : 0), Database.count(pool, rule.table()));
        if (caller.seesA() != null && caller.writes(rule) && !rule.reference()) {
            Map<String, Object> outside = caller.seesA() ? body(rule, repB, teamB) : body(rule, repA, teamA);
            outside.put("externalRef", unique("matrix-import"));
            long beforeOutside = Database.count(pool, rule.table());
            int status = caller.api().contentType("application/x-ndjson").body(JSON.writeValueAsBytes(outside))
                    .post("/api/v1/import/" + entity.collection()).then().contentType("application/problem+json").extract().statusCode();
            assertTrue(status == 403 || status == 422, "a row placed outside the scope is refused, not " + status);
            assertEquals(beforeOutside, Database.count(pool, rule.table()), "nothing of a refused file is written");
        }
    }

    private boolean immutable(Entity entity) {
        return collections.find(entity.collection()).orElseThrow().immutable();
    }

    private static boolean hasExternalRef(Ownership rule) {
        try {
            rule.entity().getDeclaredField("externalRef");
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** Every entity that refers to this one: its records may name this one's records exactly when the caller can read them. */
    private void references(Entity target, Caller caller, List<Entity> entities) {
        for (Entity referring : entities) {
            Ownership rule = referring.rule();
            if (!caller.writes(rule) || rule.declaration().rep().equals("id") || rule.declaration().team().equals("id")) {
                continue;
            }
            rules.references(rule.entity()).forEach((property, referenced) -> {
                if (referenced != target.rule()) {
                    return;
                }
                Map<String, Object> dangling = body(rule, caller.rep(), caller.team());
                dangling.put(property, UUID.randomUUID().toString());
                Map<String, Object> missing = caller.api().body(dangling).post(referring.path()).then().statusCode(422)
                        .body("errors.field", hasItem(property)).extract().as(Map.class);
                String own = caller.api().body(body(rule, caller.rep(), caller.team())).post(referring.path()).then().statusCode(201)
                        .extract().path("id");
                boolean changes = !immutable(referring);
                for (boolean sideA : List.of(true, false)) {
                    Map<String, Object> body = body(rule, caller.rep(), caller.team());
                    String id = sideA ? target.mine() : target.theirs();
                    body.put(property, id);
                    var created = caller.api().body(body).post(referring.path()).then();
                    var patched = changes ? caller.api().contentType("application/merge-patch+json").body(Map.of(property, id))
                            .patch(referring.path(own)).then() : null;
                    if (caller.sees(target.rule(), sideA)) {
                        created.statusCode(201);
                        if (changes) {
                            patched.statusCode(200);
                        }
                    } else {
                        // the same answer as for an id that does not exist: the field does not tell which ids exist
                        assertEquals(withoutInstance(missing), withoutInstance(created.statusCode(422).extract().as(Map.class)));
                        if (changes) {
                            assertEquals(withoutInstance(missing), withoutInstance(patched.statusCode(422).extract().as(Map.class)));
                        }
                    }
                }
            });
        }
    }

    private static Map<String, Object> withoutInstance(Map<String, Object> problem) {
        Map<String, Object> copy = new HashMap<>(problem);
        copy.remove("instance");
        return copy;
    }

    private void kpis(Caller caller, List<Caller> callers) {
        Set<String> reps = listedIds(caller, "reps");
        Set<String> teams = listedIds(caller, "teams");
        // deals closed in a month no other test uses; one of rep A's has no team and takes rep A's by placement
        if (!dealsCreated) {
            createWonDeal(repA, null, 1000);
            createWonDeal(repA, teamA, 2000);
            createWonDeal(repB, teamB, 4000);
            dealsCreated = true;
        }
        BigDecimal listedBookings = BigDecimal.ZERO;
        List<Map<String, Object>> deals = caller.api().queryParam("closedFrom", "2031-05-01").queryParam("closedTo", "2031-05-31")
                .queryParam("stage", "CLOSED_WON").queryParam("limit", 500).get("/api/v1/opportunities").then().statusCode(200)
                .extract().path("items");
        for (Map<String, Object> deal : deals) {
            listedBookings = listedBookings.add(new BigDecimal(deal.get("amount").toString()));
        }
        BigDecimal expected = caller.seesA() == null ? new BigDecimal(7000) : caller.seesA() ? new BigDecimal(3000) : new BigDecimal(4000);
        assertEquals(0, expected.compareTo(listedBookings), "bookings in the list");
        Object counted = kpi(caller).get("/api/v1/kpis/snapshot").then().statusCode(200).extract().path("values[0].value");
        assertEquals(0, listedBookings.compareTo(new BigDecimal(counted.toString())), "the KPI counts the deals the list shows");

        for (String by : List.of("REP", "TEAM")) {
            List<String> keys = kpi(caller).queryParam("by", by).get("/api/v1/kpis/breakdown").then().statusCode(200).extract()
                    .path("[0].rows.key");
            assertTrue((by.equals("REP") ? reps : teams).containsAll(keys), by + " breakdown stays within the caller's " + by);
            ExtractableResponse<Response> board = kpi(caller).queryParam("by", by).queryParam("size", 50).get("/api/v1/kpis/leaderboard")
                    .then().statusCode(200).extract();
            List<String> ranked = new ArrayList<>(board.path("top.key"));
            ranked.addAll(board.path("bottom.key"));
            assertTrue((by.equals("REP") ? reps : teams).containsAll(ranked), by + " leaderboard stays within the caller's " + by);
        }
        for (Caller other : callers) {
            if (other.seesA() == null || caller.seesA() == null || other.seesA().equals(caller.seesA())) {
                continue;
            }
            kpi(caller).queryParam("repId", other.rep()).get("/api/v1/kpis/snapshot").then().statusCode(403);
            kpi(caller).queryParam("teamId", other.team()).queryParam("by", "REP").get("/api/v1/kpis/breakdown").then().statusCode(403);
            kpi(caller).queryParam("repId", other.rep()).queryParam("by", "TEAM").get("/api/v1/kpis/leaderboard").then().statusCode(403);
        }
    }

    private boolean dealsCreated;

    private void createWonDeal(String rep, String team, int amount) {
        Map<String, Object> deal = map("name", unique("Matrix deal"), "ownerRepId", rep, "type", "NEW_BUSINESS", "stage", "CLOSED_WON",
                "amount", amount, "currency", "EUR", "openedOn", "2031-04-01", "closedOn", "2031-05-15");
        if (team != null) {
            deal.put("teamId", team);
        }
        create("/api/v1/opportunities", deal);
    }

    private static RequestSpecification kpi(Caller caller) {
        return caller.api().queryParam("kpi", "bookings").queryParam("from", "2031-05-01").queryParam("to", "2031-05-31");
    }

    private void deletions(List<Entity> entities, List<Caller> callers) {
        Map<String, Map<String, Boolean>> visibleBefore = new HashMap<>();
        entities = entities.stream().filter(entity -> !immutable(entity)).toList();
        for (Entity entity : entities) {
            for (Caller caller : callers) {
                for (String id : List.of(entity.doomedMine(), entity.doomedTheirs())) {
                    int status = caller.api().get(entity.path(id)).then().extract().statusCode();
                    visibleBefore.computeIfAbsent(caller.name(), c -> new HashMap<>()).put(id, status == 200);
                    if (status != 200 && caller.role() != Role.ADMIN) {
                        // what the caller cannot see, it cannot delete either
                        caller.api().delete(entity.path(id)).then().statusCode(caller.writes(entity.rule()) ? 404 : 403);
                    }
                }
            }
        }
        for (Entity entity : entities) {
            admin().delete(entity.path(entity.doomedMine())).then().statusCode(204);
            admin().delete(entity.path(entity.doomedTheirs())).then().statusCode(204);
        }
        syncFeeds.clear();
        for (Caller caller : callers) {
            List<Map<String, Object>> feed = syncFeed(caller);
            for (Entity entity : entities) {
                Set<String> owed = new HashSet<>(caller.api().queryParam("entity", entity.collection()).queryParam("since", worldStart.toString())
                        .get("/api/v1/sync/deletions").then().statusCode(200).extract().<List<String>>path("items.id"));
                Set<String> fed = new HashSet<>();
                feed.stream().filter(item -> entity.collection().equals(item.get("collection")) && "DELETE".equals(item.get("kind")))
                        .forEach(item -> fed.add((String) item.get("id")));
                for (String id : List.of(entity.doomedMine(), entity.doomedTheirs())) {
                    boolean wasVisible = visibleBefore.get(caller.name()).get(id);
                    assertEquals(wasVisible, owed.contains(id), caller + " is owed the deletion of " + entity.collection() + " " + id
                            + " exactly when its list showed it");
                    assertEquals(wasVisible, fed.contains(id), caller + " gets the deletion of " + entity.collection() + " " + id
                            + " in the sync feed exactly when its list showed it");
                }
            }
        }
    }

    private Set<String> listed(Caller caller, Entity entity) {
        return listedIds(caller, entity.collection());
    }

    private static Set<String> listedIds(Caller caller, String collection) {
        return Api.allIds(caller::api, "/api/v1/" + collection);
    }

    /** The caller's whole sync feed since the world was built, every page. */
    private List<Map<String, Object>> syncFeed(Caller caller) {
        return syncFeeds.computeIfAbsent(caller.name(), name -> {
            List<Map<String, Object>> items = new ArrayList<>();
            String cursor = null;
            do {
                RequestSpecification page = caller.api().queryParam("since", worldStart.toString()).queryParam("limit", 200);
                if (cursor != null) {
                    page.queryParam("cursor", cursor);
                }
                ExtractableResponse<Response> answer = page.get("/api/v1/sync/changes").then().statusCode(200).extract();
                items.addAll(answer.path("items"));
                cursor = answer.path("nextCursor");
            } while (cursor != null);
            return items;
        });
    }
}
