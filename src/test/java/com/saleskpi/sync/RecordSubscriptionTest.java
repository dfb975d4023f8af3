package com.saleskpi.sync;

import static com.saleskpi.testing.Api.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;
import com.saleskpi.testing.GraphQLSocket;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** recordChanged over a real WebSocket: the sync feed's changes of the subscribed collections, pushed as they commit. */
@QuarkusTest
class RecordSubscriptionTest {

    private static final String SUBSCRIPTION = "subscription { recordChanged(collections: [\"accounts\"]) { collection kind id at } }";

    @Test
    void aCreatedThenDeletedRecordIsPushedTwice() throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.open(Api.token("live-sync-admin", "admin"))) {
            assertEquals("connection_ack", socket.next(10).getString("type"));
            socket.subscribe("1", SUBSCRIPTION, Map.of());
            // the subscription is in place once the server has read where the feed stands
            Thread.sleep(500);
            String account = Fixtures.create("/api/v1/accounts", Fixtures.accountBody());
            List<Map<String, Object>> created = changesOf(socket, account);
            assertEquals("UPSERT", created.get(0).get("kind"));
            assertEquals("accounts", created.get(0).get("collection"));

            admin().delete("/api/v1/accounts/" + account).then().statusCode(204);
            List<Map<String, Object>> deleted = changesOf(socket, account);
            assertEquals("DELETE", deleted.get(0).get("kind"));
        }
    }

    @Test
    void anUnknownCollectionIsAnErrorWithItsCode() throws Exception {
        try (GraphQLSocket socket = GraphQLSocket.open(Api.token("live-sync-admin", "admin"))) {
            assertEquals("connection_ack", socket.next(10).getString("type"));
            socket.subscribe("1", "subscription { recordChanged(collections: [\"unicorns\"]) { id } }", Map.of());
            JsonPath answer = socket.next(10);
            assertNotNull(answer);
            String text = answer.prettify();
            assertEquals(true, text.contains("unicorns"), text);
        }
    }

    /** The pushed changes of this record (other tests' accounts may come in the same batches). */
    private static List<Map<String, Object>> changesOf(GraphQLSocket socket, String id) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            JsonPath message = socket.next(10);
            assertNotNull(message, "a push");
            assertEquals("next", message.getString("type"), message.prettify());
            List<Map<String, Object>> mine = message.<Map<String, Object>>getList("payload.data.recordChanged").stream()
                    .filter(change -> id.equals(change.get("id"))).toList();
            if (!mine.isEmpty()) {
                return mine;
            }
        }
        throw new AssertionError("no push of " + id);
    }
}
