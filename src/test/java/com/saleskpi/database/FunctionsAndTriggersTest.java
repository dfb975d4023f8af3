package com.saleskpi.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * R__functions_and_triggers.sql holds every function and trigger of the migrated schema in the definition the database
 * has: one added or changed by a versioned migration alone would be missing from it, or stale there.
 */
@QuarkusTest
class FunctionsAndTriggersTest {

    private static final Path DEFINITIONS = Path.of("src/main/resources/db/migration/R__functions_and_triggers.sql");

    @Inject
    Pool pool;

    @Test
    void theRepeatableMigrationDefinesEveryFunctionAndTriggerAsTheDatabaseHasIt() throws IOException {
        String file = Files.readString(DEFINITIONS, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        // the tombstone functions and triggers are the service's, installed at start from each entity's access rule
        pool.query("""
                select p.proname, pg_get_functiondef(p.oid) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                where n.nspname = current_schema() and p.proname not like '%\\_tombstone'
                union all
                select t.tgname, replace(pg_get_triggerdef(t.oid), 'CREATE TRIGGER', 'CREATE OR REPLACE TRIGGER') from pg_trigger t
                join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = current_schema() and not t.tgisinternal and t.tgname not like '%\\_record\\_deletion'
                order by 1""").execute().await().indefinitely().forEach(row -> {
            if (!file.contains(row.getString(1))) {
                missing.add(row.getString(0));
            }
        });
        assertEquals(List.of(), missing, "functions and triggers whose current definition is not in " + DEFINITIONS);
    }

    /**
     * A versioned migration after the file came (V10) that defined one of its functions or triggers would be undone by
     * it, which runs last: such a change belongs in the file.
     */
    @Test
    void noLaterVersionedMigrationRedefinesWhatTheFileDefines() throws IOException {
        String file = Files.readString(DEFINITIONS, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
        Pattern defined = Pattern.compile("(?i)create (?:or replace )?(?:function|trigger) (?:public\\.)?(\\w+)");
        List<String> redefined = new ArrayList<>();
        try (Stream<Path> migrations = Files.list(DEFINITIONS.getParent())) {
            for (Path migration : migrations.filter(path -> laterThanTheFile(path.getFileName().toString())).toList()) {
                Matcher names = defined.matcher(Files.readString(migration, StandardCharsets.UTF_8));
                while (names.find()) {
                    if (file.contains("function public." + names.group(1).toLowerCase(java.util.Locale.ROOT) + "(")
                            || file.contains("trigger " + names.group(1).toLowerCase(java.util.Locale.ROOT) + " ")) {
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
