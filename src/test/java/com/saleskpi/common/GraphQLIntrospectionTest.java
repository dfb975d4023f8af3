package com.saleskpi.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.testing.Api;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The full introspection query that GraphiQL and code generators send (types with fields, arguments, input fields,
 * enum values and type references nested eight levels deep) is answered for any authenticated caller.
 */
@QuarkusTest
class GraphQLIntrospectionTest {

    private static final String TYPE_REF = "kind name" + " ofType { kind name".repeat(8) + " }".repeat(8);
    private static final String INPUT_VALUE = "name description type { " + TYPE_REF + " } defaultValue";
    private static final String INTROSPECTION = "query IntrospectionQuery { __schema { queryType { name } mutationType { name }"
            + " subscriptionType { name } types { kind name description specifiedByURL"
            + " fields(includeDeprecated: true) { name description args { " + INPUT_VALUE + " } type { " + TYPE_REF + " }"
            + " isDeprecated deprecationReason } inputFields { " + INPUT_VALUE + " } interfaces { " + TYPE_REF + " }"
            + " enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }"
            + " possibleTypes { " + TYPE_REF + " } } directives { name description locations args { " + INPUT_VALUE + " } } } }";

    @Test
    void theIntrospectionQueryOfClientToolingIsAnswered() throws Exception {
        String answer = Api.as("a-rep", "sales-rep").body(Map.of("query", INTROSPECTION)).post("/graphql").then().statusCode(200)
                .extract().asString();
        JsonNode schema = new ObjectMapper().readTree(answer);
        assertTrue(schema.path("errors").isMissingNode(), answer.substring(0, Math.min(answer.length(), 500)));
        assertEquals("Query", schema.path("data").path("__schema").path("queryType").path("name").asText());
        boolean scalarsDeclared = false;
        for (JsonNode type : schema.path("data").path("__schema").path("types")) {
            scalarsDeclared |= type.path("name").asText().equals("BigDecimal") && type.path("kind").asText().equals("SCALAR");
        }
        assertTrue(scalarsDeclared, "BigDecimal is not declared as a scalar");
    }
}
