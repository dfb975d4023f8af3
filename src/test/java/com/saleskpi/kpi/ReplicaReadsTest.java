package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * With a replica configured, KPI statements go to it. The "replica" here is the test database reached under
 * another application_name, so that PostgreSQL itself tells which connection ran the KPI statement.
 */
@QuarkusTest
@TestProfile(ReplicaReadsTest.WithReplica.class)
class ReplicaReadsTest {

    public static class WithReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.replica.reactive.url", "${quarkus.datasource.reactive.url}?application_name=kpi-replica");
        }
    }

    @Inject
    Pool primary;

    @ConfigProperty(name = "quarkus.datasource.replica.reactive.url")
    String replicaUrl;

    @Test
    void kpiStatementsRunOnTheReplicaConnection() {
        assertTrue(replicaUrl.endsWith("application_name=kpi-replica"), replicaUrl);
        var answer = GraphQL.query("{ kpiSnapshot(kpis: [\"win_rate\"], period: { from: \"2026-01-01\", to: \"2026-01-31\" })"
                + " { values { value } } }", Map.of());
        assertNull(answer.get("errors"));
        List<String> replicaQueries = primary.preparedQuery("select query from pg_stat_activity where application_name = $1"
                + " and datname = current_database()").execute(Tuple.of("kpi-replica")).await().indefinitely()
                .stream().map(row -> row.getString(0)).toList();
        assertTrue(replicaQueries.stream().anyMatch(q -> q.contains("from buckets b")), "KPI SQL seen on the replica: " + replicaQueries);
    }
}
