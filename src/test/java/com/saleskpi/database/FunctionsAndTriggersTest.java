package com.saleskpi.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * The repeatable migrations (R__*.sql, one per concern) hold every function and trigger of the migrated schema in the
 * definition the database has, each in one file: one added or changed by a versioned migration alone would be missing
 * from them, or stale there.
 */
@QuarkusTest
class FunctionsAndTriggersTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Pattern DEFINED = Pattern.compile("(?i)create (?:or replace )?(?:function|trigger) (?:public\\.)?(\\w+)");

    @Inject
    Pool pool;

    @Test
    void theRepeatableMigrationDefinesEveryFunctionAndTriggerAsTheDatabaseHasIt() throws IOException {
        String file = repeatables();
        List<String> missing = new ArrayList<>();
        // the tombstone functions and triggers are the service's, installed at start from each entity's access rule; the
        // data version trigger is one definition installed on every table (track_data_versions), the webhook triggers are
        // installed on each collection's table from its event name (WebhookOutbox)
        pool.query("""
                select p.proname, pg_get_functiondef(p.oid) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = current_schema() and p.proname not like '%\\_tombstone'
                union all
                select t.tgname, replace(pg_get_triggerdef(t.oid), 'CREATE TRIGGER', 'CREATE OR REPLACE TRIGGER') from pg_trigger t
                join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and not t.tgisinternal and t.tgname not like '%\\_record\\_deletion'
                  and t.tgname <> 'data_version_bump' and t.tgname not like '%\\_webhook\\_%'
                order by 1""").execute().await().indefinitely().forEach(row -> {
            if (!file.contains(row.getString(1))) {
                missing.add(row.getString(0));
            }
        });
        assertEquals(List.of(), missing, "functions and triggers whose current definition is in no R__ file of " + MIGRATIONS);
    }

    /** Each function and trigger has one definition: two files defining it would leave it to whichever Flyway ran last. */
    @Test
    void eachFunctionAndTriggerIsDefinedInOneRepeatableFile() throws IOException {
        Map<String, List<String>> files = new TreeMap<>();
        try (Stream<Path> migrations = Files.list(MIGRATIONS)) {
            for (Path migration : migrations.filter(path -> path.getFileName().toString().startsWith("R__")).toList()) {
                Matcher names = DEFINED.matcher(Files.readString(migration, StandardCharsets.UTF_8));
                while (names.find()) {
                    files.computeIfAbsent(names.group(1).toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                            .add(migration.getFileName().toString());
                }
            }
        }
        files.values().removeIf(in -> in.size() == 1);
        assertEquals(Map.of(), files);
        assertTrue(repeatables().contains("FUNCTION public.rollup_statements("), "the files were read");
    }

    private static String repeatables() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> migrations = Files.list(MIGRATIONS)) {
            for (Path migration : migrations.filter(path -> path.getFileName().toString().startsWith("R__")).sorted().toList()) {
                all.append(Files.readString(migration, StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    /**
     * A versioned migration after the repeatable files came (V10) that defined one of their functions or triggers would
     * be undone by them, which run last: such a change belongs in the files.
     */
    @Test
    void noLaterVersionedMigrationRedefinesWhatTheFileDefines() throws IOException {
        String file = repeatables().toLowerCase(Locale.ROOT);
        List<String> redefined = new ArrayList<>();
        try (Stream<Path> migrations = Files.list(MIGRATIONS)) {
            for (Path migration : migrations.filter(path -> laterThanTheFile(path.getFileName().toString())).toList()) {
                Matcher names = DEFINED.matcher(Files.readString(migration, StandardCharsets.UTF_8));
                while (names.find()) {
                    if (file.contains("function public." + names.group(1).toLowerCase(Locale.ROOT) + "(")
                            || file.contains("trigger " + names.group(1).toLowerCase(Locale.ROOT) + " ")) {
                        redefined.add(migration.getFileName() + ": " + names.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), redefined);
    }

    private static boolean laterThanTheFile(String name) {
        Matcher version = Pattern.compile("V(\\d+)__.*").matcher(name);
        return version.matches() && Integer.parseInt(version.group(1)) > 10;
    }
}
