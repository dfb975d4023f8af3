package com.saleskpi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * What the access rules install in the database at start-up (tombstone triggers, the scoped role's grants, every
 * row-level security policy) is committed as docs/access-rules.sql, for review: a change of an @Owned declaration or
 * of the rule's rendering shows there. After an intended change: ./mvnw test -Dtest=AccessRulesDdlTest -Dcontracts.update=true
 */
@QuarkusTest
class AccessRulesDdlTest {

    private static final Path DOCUMENT = Path.of("docs/access-rules.sql");

    @Inject
    AccessRules rules;

    @Test
    void theDerivedDdlIsTheCommittedOne() throws Exception {
        String generated = "-- Derived from the @Owned declarations by AccessRules at start-up; generated, do not edit.\n" + rules.derivedDdl();
        if (Boolean.getBoolean("contracts.update")) {
            Files.writeString(DOCUMENT, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(DOCUMENT), DOCUMENT + " is not committed; run ./mvnw test -Dtest=AccessRulesDdlTest -Dcontracts.update=true");
        assertEquals(Files.readString(DOCUMENT, StandardCharsets.UTF_8), generated,
                DOCUMENT + " differs from what the code derives; if intended, run ./mvnw test -Dtest=AccessRulesDdlTest -Dcontracts.update=true");
    }
}
