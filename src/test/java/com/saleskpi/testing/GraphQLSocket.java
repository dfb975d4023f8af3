package com.saleskpi.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.Json;

/** A real WebSocket client of /graphql speaking graphql-transport-ws, as a browser's graphql-ws client does. */
public final class GraphQLSocket implements AutoCloseable {

    private final WebSocket socket;
    private final BlockingQueue<JsonPath> messages = new LinkedBlockingQueue<>();
    /** The close code, once the server closed the socket. */
    public final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private GraphQLSocket() {
        StringBuilder partial = new StringBuilder();
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws")
                .buildAsync(URI.create("ws://localhost:" + RestAssured.port + "/graphql"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            JsonPath message = JsonPath.from(partial.toString());
                            partial.setLength(0);
                            // pings are answered as the protocol asks, and not shown to the test
                            if ("ping".equals(message.getString("type"))) {
                                webSocket.sendText("{\"type\":\"pong\"}", true);
                            } else {
                                messages.add(message);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).exceptionally(failure -> {
                    if (failure.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                        throw new IllegalStateException("The WebSocket handshake was answered " + refused.getResponse().statusCode() + ": "
                                + refused.getResponse().body() + " " + refused.getResponse().headers().map(), refused);
                    }
                    throw new IllegalStateException(failure);
                }).join();
    }

    /** A socket whose connection_init carries this bearer token (none: no payload). */
    public static GraphQLSocket open(String token) {
        GraphQLSocket socket = new GraphQLSocket();
        socket.send(token == null ? Map.of("type", "connection_init")
                : Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
        return socket;
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query, "variables", variables)));
    }

    public void complete(String id) {
        send(Map.of("id", id, "type", "complete"));
    }

    public void send(Map<String, Object> message) {
        socket.sendText(Json.encode(message), true).join();
    }

    /** The next message, or null after the wait. */
    public JsonPath next(long seconds) throws InterruptedException {
        return messages.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
