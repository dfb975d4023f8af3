package com.saleskpi.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * A fresh test database reached through a TCP relay that a test can cut and restore, to see what the
 * service does while PostgreSQL is unreachable.
 */
public class InterruptibleDatabase extends TestDatabase {

    private static final int TARGET_PORT = Integer.parseInt(System.getenv().getOrDefault("TEST_DB_PORT", "5432"));
    private static Vertx vertx;
    private static NetServer relay;
    private static int port;
    private static final List<NetSocket> sockets = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        vertx = Vertx.vertx();
        listen(0);
        config.replaceAll((key, value) -> key.endsWith(".url") ? value.replace(":" + TARGET_PORT + "/", ":" + port + "/") : value);
        return config;
    }

    /** Drops every connection and stops accepting new ones: PostgreSQL is unreachable. */
    public static void cut() throws Exception {
        relay.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        sockets.forEach(NetSocket::close);
        sockets.clear();
    }

    /** Accepts connections again on the same port. */
    public static void restore() {
        listen(port);
    }

    private static void listen(int requested) {
        relay = vertx.createNetServer().connectHandler(client -> {
            client.pause();
            sockets.add(client);
            vertx.createNetClient().connect(TARGET_PORT, "127.0.0.1").onSuccess(server -> {
                sockets.add(server);
                client.pipeTo(server);
                server.pipeTo(client);
                client.resume();
            }).onFailure(failure -> client.close());
        });
        try {
            relay.listen(requested, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The database relay cannot listen", e);
        }
        port = relay.actualPort();
    }

    @Override
    public void stop() {
        super.stop();
        if (vertx != null) {
            vertx.close();
        }
    }
}
