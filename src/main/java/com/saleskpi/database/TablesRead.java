package com.saleskpi.database;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * The tables an answer read, taken from the statements that computed it: every statement of the service passes through
 * PooledStatements or AccessRules.query, which note its SQL here. A word of the SQL names a table, or a function of the
 * schema and then the tables its body reads (DataVersions#dependencies); nothing is declared by hand, so a KPI added
 * tomorrow is tracked as exactly as today's.
 *
 * Recording is per Vert.x duplicated context (one request, or one re-evaluation of a subscription): every recording open
 * on it receives every statement run on it, so two answers computed at once for one request may each depend on a table
 * only the other read, which costs a cache entry sooner, never a stale one.
 */
public final class TablesRead {

    private static final String LOCAL = "saleskpi.tables-read";
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Each word a statement may hold that reads versioned data, with the tables it reads (DataVersions fills it at start). */
    private static volatile Map<String, Set<String>> dependencies = Map.of();

    private TablesRead() {
    }

    /** An open recording: the tables the statements run on its context since it began have read. */
    public static final class Recording {
        private final Set<String> tables = ConcurrentHashMap.newKeySet();
        private final Set<Recording> open;

        private Recording(Set<Recording> open) {
            this.open = open;
        }

        /** Closes the recording; the tables read, or null when nothing could be recorded (off a request's context). */
        public Set<String> close() {
            if (open == null) {
                return null;
            }
            open.remove(this);
            return Set.copyOf(tables);
        }
    }

    static void knownDependencies(Map<String, Set<String>> byWord) {
        dependencies = Map.copyOf(byWord);
    }

    /** Starts recording on the current duplicated context; a recording that can record nothing answers null on close. */
    public static Recording start() {
        if (!VertxContext.isOnDuplicatedContext() || dependencies.isEmpty()) {
            return new Recording(null);
        }
        Set<Recording> open = ContextLocals.<Set<Recording>>get(LOCAL).orElseGet(() -> {
            Set<Recording> created = ConcurrentHashMap.newKeySet();
            ContextLocals.put(LOCAL, created);
            return created;
        });
        Recording recording = new Recording(open);
        open.add(recording);
        return recording;
    }

    /** Notes a statement about to run on the current context in every recording open there. */
    public static void note(String sql) {
        if (!VertxContext.isOnDuplicatedContext()) {
            return;
        }
        Set<Recording> open = ContextLocals.<Set<Recording>>get(LOCAL).orElse(null);
        if (open == null || open.isEmpty()) {
            return;
        }
        Map<String, Set<String>> known = dependencies;
        Matcher words = WORD.matcher(sql);
        while (words.find()) {
            Set<String> tables = known.get(words.group().toLowerCase(java.util.Locale.ROOT));
            if (tables != null) {
                open.forEach(recording -> recording.tables.addAll(tables));
            }
        }
    }
}
