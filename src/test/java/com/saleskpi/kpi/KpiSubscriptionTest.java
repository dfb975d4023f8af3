package com.saleskpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.GraphQL;
import com.saleskpi.testing.GraphQLSocket;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * kpiChanged over a real WebSocket (graphql-transport-ws): the value on subscribe, then one push per commit that
 * changes it (the commits are plain SQL, as another instance of the service would make them), each equal to what a
 * query issued right after the commit answers; nothing for a commit that changes nothing it shows.
 */
@QuarkusTest
class KpiSubscriptionTest {

    private static final String SUBSCRIPTION = """
            subscription($team: String!) { kpiChanged(kpis: ["revenue"], filter: { teamIds: [$team] },
              period: { from: "2019-07-01", to: "2019-07-31" }) { values { kpi value } } }""";
    private static final String QUERY = """
            query($team: String!) { kpiSnapshot(kpis: ["revenue"], filter: { teamIds: [$team] },
              period: { from: "2019-07-01", to: "2019-07-31" }) { values { kpi value } } }""";

    @Inject
    Pool pool;

    Map<String, String> ids;

    @BeforeEach
    void loadFixture() {
        ids = KpiFixture.load(pool);
    }

    @Test
    void eachCommitThatChangesTheKpiIsPushedAsAQueryAfterItAnswers() throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.open(Api.token("live-admin", "admin"))) {
            assertEquals("connection_ack", socket.next(10).getString("type"));
            socket.subscribe("1", SUBSCRIPTION, Map.of("team", ids.get("T")));
            BigDecimal first = value(socket.next(10));

            order(new BigDecimal("75.50"));
            BigDecimal pushed = value(socket.next(10));
            assertEquals(first.add(new BigDecimal("75.50")), pushed);
            assertEquals(queried(), pushed, "the push equals the query after the commit");

            // an activity changes no revenue: nothing is pushed
            KpiFixture.commitActivity(pool, "EMAIL", "2019-07-03T10:00:00Z");
            assertNull(socket.next(3), "no push without a change of the value");

            order(new BigDecimal("4.50"));
            assertEquals(pushed.add(new BigDecimal("4.50")), value(socket.next(10)));

            socket.complete("1");
            order(new BigDecimal("1.00"));
            assertNull(socket.next(3), "nothing after complete");
        }
    }

    @Test
    void anUnknownKpiIsAnErrorWithItsCodeThenTheEnd() throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.open(Api.token("live-analyst", "analyst"))) {
            assertEquals("connection_ack", socket.next(10).getString("type"));
            socket.subscribe("1", SUBSCRIPTION.replace("revenue", "no_such_kpi"), Map.of("team", ids.get("T")));
            JsonPath error = socket.next(10);
            assertNotNull(error, "an answer, never a hung socket");
            assertEquals("next", error.getString("type"), error.prettify());
            assertEquals("1", error.getString("id"));
            assertEquals("BAD_USER_INPUT", error.getString("payload.errors[0].extensions.code"), error.prettify());
            assertEquals("complete", socket.next(10).getString("type"));
        }
    }

    @Test
    void withoutATokenNothingIsAnswered() throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.open(null)) {
            JsonPath first = socket.next(10);
            if (first != null && "connection_ack".equals(first.getString("type"))) {
                socket.subscribe("1", SUBSCRIPTION, Map.of("team", ids.get("T")));
                JsonPath answer = socket.next(10);
                assertNotNull(answer, "an answer, never a hung socket");
                String text = answer.prettify();
                assertTrue(text.contains("UNAUTHENTICATED") || text.contains("FORBIDDEN") || text.contains("nauthori"), text);
            }
        }
    }

    private BigDecimal value(JsonPath message) {
        assertNotNull(message, "a push");
        assertEquals("next", message.getString("type"), message.prettify());
        assertNull(message.get("payload.errors"), () -> message.prettify());
        Object value = message.get("payload.data.kpiChanged.values[0].value");
        return value == null ? BigDecimal.ZERO.setScale(2) : new BigDecimal(value.toString()).setScale(2);
    }

    private BigDecimal queried() {
        JsonPath answer = GraphQL.query(QUERY, Map.of("team", ids.get("T")));
        Object value = answer.get("data.kpiSnapshot.values[0].value");
        return value == null ? BigDecimal.ZERO.setScale(2) : new BigDecimal(value.toString()).setScale(2);
    }

    private void order(BigDecimal amount) {
        KpiFixture.commitOrder(pool, java.time.LocalDate.parse("2019-07-15"), amount);
    }
}
