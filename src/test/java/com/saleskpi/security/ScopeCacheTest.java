package com.saleskpi.security;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * A manager's scope is kept between requests, and dropped as soon as it may have changed: by a write request of the
 * same instance before its answer leaves, and by PostgreSQL's notification for a change this instance did not make.
 */
@QuarkusTest
class ScopeCacheTest {

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    private static List<String> managedTeams(String subject) {
        return Api.asSubject(subject, "sales-manager").get("/api/v1/me").then().statusCode(200).extract().path("managedTeamIds");
    }

    private double kept() {
        return registry.get("cache.gets").tag("cache", "caller_scopes").tag("result", "hit").functionCounter().count();
    }

    /** Asks until an answer came from the kept scope (the instance listens for changes a moment after it starts). */
    private List<String> managedTeamsOnceKept(String subject) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            double before = kept();
            List<String> teams = managedTeams(subject);
            if (kept() > before) {
                return teams;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the scope of " + subject + " was never kept");
    }

    private static String[] managerOfNoTeamYet() {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String subject = unique("kept-mgr");
        String manager = Fixtures.repFor(subject, team, "SALES_MANAGER");
        return new String[] { team, subject, manager };
    }

    @Test
    void aWriteThroughTheApiDropsTheKeptScopeBeforeItAnswers() throws InterruptedException {
        String[] world = managerOfNoTeamYet();
        String team = world[0], subject = world[1], manager = world[2];
        assertEquals(List.of(), managedTeamsOnceKept(subject));

        admin().contentType("application/merge-patch+json").body(Map.of("managerId", manager)).patch("/api/v1/teams/" + team)
                .then().statusCode(200);
        assertEquals(List.of(team), managedTeams(subject), "the very next request sees the team it now manages");
    }

    @Test
    void aChangeMadeElsewhereReachesTheKeptScopeThroughTheDatabase() throws InterruptedException {
        String[] world = managerOfNoTeamYet();
        String team = world[0], subject = world[1], manager = world[2];
        admin().contentType("application/merge-patch+json").body(Map.of("managerId", manager)).patch("/api/v1/teams/" + team)
                .then().statusCode(200);
        assertEquals(List.of(team), managedTeamsOnceKept(subject));

        // as another instance, or an operator in psql, would: no request of this instance is involved
        pool.preparedQuery("update team set manager_id = null where id = $1").execute(Tuple.of(UUID.fromString(team)))
                .await().indefinitely();
        List<String> teams = managedTeams(subject);
        for (int attempt = 0; attempt < 50 && !teams.isEmpty(); attempt++) {
            Thread.sleep(100);
            teams = managedTeams(subject);
        }
        assertTrue(teams.isEmpty(), "the notification dropped the kept scope: " + teams);
    }
}
