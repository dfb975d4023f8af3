package com.saleskpi.kpi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Pool;

/** Loads src/test/resources/kpi-fixture.sql once per test run, with fresh ids so it never meets other tests' rows. */
final class KpiFixture {

    private static final List<String> NAMES = List.of("X", "X1", "T", "T2", "R1", "R2", "R3", "C1", "C2", "P1", "P2", "A1", "A2",
            "A3", "A4", "A5", "A6", "CP1", "LD1", "LD2", "D1", "D2", "D3", "D4", "D5", "D6", "D7");
    private static Map<String, String> ids;

    private KpiFixture() {
    }

    static synchronized Map<String, String> load(Pool pool) {
        if (ids == null) {
            Map<String, String> generated = new LinkedHashMap<>();
            NAMES.forEach(name -> generated.put(name, UUID.randomUUID().toString()));
            String script = read();
            for (Map.Entry<String, String> id : generated.entrySet()) {
                script = script.replace("${" + id.getKey() + "}", id.getValue());
            }
            String run = UUID.randomUUID().toString().substring(0, 8);
            script = script.replace("${RUN}", run);
            String finalScript = script;
            pool.withTransaction(connection -> connection.query(finalScript).execute()).await().indefinitely();
            // the run's suffix of names and categories (product P1's category is Alpha-<RUN>)
            generated.put("RUN", run);
            ids = generated;
        }
        return ids;
    }

    /**
     * Commits one order of one line (product P1, quantity 1) for rep R1 of team T on a day, in plain SQL: as another
     * instance of the service would.
     */
    static void commitOrder(Pool pool, java.time.LocalDate day, java.math.BigDecimal amount) {
        Map<String, String> known = load(pool);
        pool.withTransaction(connection -> connection.preparedQuery("""
                with o as (insert into sales_order (id, account_id, rep_id, channel_id, territory_id, status, ordered_on, currency, created_at, updated_at)
                           values (gen_random_uuid(), $1, $2, $3, $4, 'FULFILLED', $5, 'EUR', now(), now()) returning id)
                insert into order_line (id, order_id, line_no, product_id, quantity, unit_price, discount_percent)
                select gen_random_uuid(), o.id, 1, $6, 1, $7, 0 from o""").execute(io.vertx.mutiny.sqlclient.Tuple.from(List.of(
                UUID.fromString(known.get("A1")), UUID.fromString(known.get("R1")), UUID.fromString(known.get("C1")),
                UUID.fromString(known.get("X1")), day, UUID.fromString(known.get("P1")), amount)))).await().indefinitely();
    }

    /** Logs an activity of rep R1 at an instant, in plain SQL. */
    static void commitActivity(Pool pool, String type, String at) {
        pool.preparedQuery("insert into activity (id, rep_id, type, occurred_at, created_at, updated_at) values (gen_random_uuid(), $1, $2,"
                + " $3, now(), now())").execute(io.vertx.mutiny.sqlclient.Tuple.of(UUID.fromString(load(pool).get("R1")), type, java.time.OffsetDateTime.parse(at)))
                .await().indefinitely();
    }

    private static String read() {
        try (InputStream in = KpiFixture.class.getClassLoader().getResourceAsStream("kpi-fixture.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
