package com.saleskpi.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The API contracts are committed: the generated documents must equal them. After an intended change,
 * regenerate with: ./mvnw test -Dtest=ContractDriftTest -Dcontracts.update=true
 */
@QuarkusTest
class ContractDriftTest {

    private static final boolean UPDATE = Boolean.getBoolean("contracts.update");

    @Test
    void openApiDocumentMatchesTheCommittedOne() throws IOException {
        String generated = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        compare(Path.of("openapi/openapi.yaml"), generated);
    }

    @Test
    void graphQlSchemaMatchesTheCommittedOne() throws IOException {
        String generated = com.saleskpi.testing.Api.admin().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        compare(Path.of("openapi/schema.graphql"), generated);
    }

    static void compare(Path committed, String generated) throws IOException {
        if (UPDATE) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, generated, StandardCharsets.UTF_8);
        }
        // a missing document is a failure too: written by the test, it would be compared with itself
        assertTrue(Files.exists(committed), committed + " is not committed; run ./mvnw test -Dtest=ContractDriftTest -Dcontracts.update=true");
        assertEquals(Files.readString(committed, StandardCharsets.UTF_8), generated,
                committed + " differs from what the code generates; if the change is intended, run "
                        + "./mvnw test -Dtest=ContractDriftTest -Dcontracts.update=true and commit the result");
    }
}
