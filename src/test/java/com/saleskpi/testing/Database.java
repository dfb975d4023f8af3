package com.saleskpi.testing;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Direct reads of the test database, to check what was (not) written. */
public final class Database {

    private Database() {
    }

    public static long count(Pool pool, String table) {
        return pool.query("select count(*) from " + table).execute().await().indefinitely().iterator().next().getLong(0);
    }

    public static long countWhere(Pool pool, String table, String condition, Object... values) {
        return pool.preparedQuery("select count(*) from " + table + " where " + condition).execute(Tuple.from(values))
                .await().indefinitely().iterator().next().getLong(0);
    }

    /** The rows one query answers and the other does not, counting repeats (as JSON): empty when both agree. */
    public static List<String> rowsThatDiffer(Pool pool, String query, String other) {
        List<String> differ = new ArrayList<>();
        pool.query("(" + query + " except all " + other + ") union all (" + other + " except all " + query + ")").execute()
                .await().indefinitely().forEach(row -> differ.add(row.toJson().encode()));
        return differ;
    }
}
