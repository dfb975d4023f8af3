package com.saleskpi.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * The migrated database holds to the RollupFamily registry, from which the KPI statements name the rollup tables and the
 * access rules derive their policies: every family has its two tables with the columns that place a row, and its change
 * function; no rollup table lies outside the registry; and no table that names reps is left without row-level security.
 */
@QuarkusTest
class RollupFamiliesTest {

    private static final List<String> PLACING = List.of("owner_rep_id", "rep_id", "respondent_rep_id", "team_id");

    @Inject
    Pool pool;

    @Test
    void everyFamilyHasItsTablesWithTheColumnsThatPlaceARowAndItsChangeFunction() {
        List<String> wrong = new ArrayList<>();
        for (RollupFamily family : RollupFamily.values()) {
            List<String> declared = new ArrayList<>(family.repColumns);
            if (family.teamColumn != null) {
                declared.add(family.teamColumn);
            }
            for (String table : family.tables()) {
                List<String> placing = new ArrayList<>();
                rows("select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1"
                        + " and column_name = any($2) order by array_position($2, column_name::text)",
                        Tuple.of(table, PLACING.toArray(new String[0]))).forEach(row -> placing.add(row.getString(0)));
                if (!placing.equals(declared.stream().sorted((a, b) -> PLACING.indexOf(a) - PLACING.indexOf(b)).toList())) {
                    wrong.add(table + " places rows by " + placing + ", declared " + declared);
                }
            }
            if (rows("select 1 from pg_proc where proname = $1", Tuple.of(family.sqlName() + "_change")).isEmpty()) {
                wrong.add(family + " has no function " + family.sqlName() + "_change");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void noRollupTableLiesOutsideTheRegistryAndEveryTableNamingRepsIsGuarded() {
        Set<String> rollups = new TreeSet<>();
        rows("select table_name from information_schema.tables where table_schema = current_schema()"
                + " and (table_name like '%\\_daily' or table_name like '%\\_monthly') and table_name <> 'exchange_rate_daily'", Tuple.tuple())
                .forEach(row -> rollups.add(row.getString(0)));
        Set<String> registered = new TreeSet<>();
        for (RollupFamily family : RollupFamily.values()) {
            registered.addAll(family.tables());
        }
        assertEquals(registered, rollups);

        Set<String> unguarded = new TreeSet<>();
        rows("select distinct c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " join pg_attribute a on a.attrelid = c.oid where n.nspname = current_schema() and c.relkind = 'r'"
                + " and a.attname = any($1) and not a.attisdropped and not c.relrowsecurity",
                Tuple.of(new String[] { "owner_rep_id", "rep_id", "respondent_rep_id" })).forEach(row -> unguarded.add(row.getString(0)));
        assertEquals(Set.of(), unguarded, "tables naming reps without row-level security");
    }

    /**
     * One statement writing a rep's activities of 40 days, the latest first, with the planner held to a hash aggregate
     * (sorting made costly, as it is for the generator's millions of rows): the rollup rows still land in day order, the
     * order of the key, so that a period's rows lie on adjacent pages. A page filled midway may start the rest elsewhere,
     * hence one step back allowed; in the hash's order about half the steps went back. Rolled back.
     */
    @Test
    void aBulkWriteLeavesTheRollupRowsInTheOrderOfTheirDays() {
        UUID rep = UUID.randomUUID();
        List<Row> days = pool.withConnection(connection -> connection.query("begin").execute()
                .chain(() -> connection.query("set local enable_sort = off").execute())
                .chain(() -> connection.preparedQuery("insert into sales_rep (id, email, full_name, role, hire_date, created_at, updated_at)"
                        + " values ($1, $2, 'Bulk Writer', 'FIELD_REP', date '2020-01-01', now(), now())").execute(Tuple.of(rep, rep + "@example.com")))
                .chain(() -> connection.preparedQuery("insert into activity (id, rep_id, type, occurred_at, created_at, updated_at)"
                        + " select gen_random_uuid(), $1, 'CALL', timestamptz '2026-03-01 12:00:00Z' - n * interval '1 day', now(), now()"
                        + " from generate_series(0, 39) n order by n").execute(Tuple.of(rep)))
                .chain(() -> connection.preparedQuery("select day from activity_daily where rep_id = $1 order by ctid").execute(Tuple.of(rep)))
                .map(result -> {
                    List<Row> rows = new ArrayList<>();
                    result.forEach(rows::add);
                    return rows;
                })
                .onTermination().call(() -> connection.query("rollback").execute()))
                .await().indefinitely();
        assertEquals(40, days.size());
        int stepsBack = 0;
        for (int i = 1; i < days.size(); i++) {
            if (days.get(i).getLocalDate(0).isBefore(days.get(i - 1).getLocalDate(0))) {
                stepsBack++;
            }
        }
        assertTrue(stepsBack <= 1, stepsBack + " of 39 steps went back a day");
    }

    private List<Row> rows(String sql, Tuple parameters) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(parameters).await().indefinitely().forEach(rows::add);
        return rows;
    }
}
