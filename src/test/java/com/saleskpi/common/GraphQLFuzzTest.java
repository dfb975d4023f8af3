package com.saleskpi.common;

import static com.saleskpi.testing.Api.abbreviate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.saleskpi.testing.Api;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Hostile arguments for every GraphQL query, generated from the schema the service introspects: each argument, and
 * each field of an input-object argument, one at a time, gets values of every wrong type, empty, over-long, NUL-bearing
 * and out-of-range, as variables. Every answer must be below 500 and its errors must say what is wrong with the request,
 * never a generic server error or an exception. A new query or argument is covered without new code.
 */
@QuarkusTest
class GraphQLFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE_REF = "kind name ofType { kind name ofType { kind name ofType { kind name } } }";
    private static final List<Object> HOSTILE = List.of("", "a\u0000b", "x".repeat(10_000), 1e300, -1, 0, Map.of(), List.of(),
            true, "+999999999-12-31", "-999999999-01-01", "NOT_A_MEMBER", List.of("a\u0000b"), List.of("x".repeat(5_000)),
            "Europe/Atlantis");

    @TestFactory
    Stream<DynamicTest> everyQueryAnswersHostileArgumentsWithAClientError() throws Exception {
        JsonNode schema = post("{ __schema { queryType { fields { name type { " + TYPE_REF + " } args { name type { " + TYPE_REF
                + " } } } } types { name kind enumValues { name } inputFields { name type { " + TYPE_REF + " } } } } }", Map.of())
                .path("data").path("__schema");
        Map<String, JsonNode> types = new LinkedHashMap<>();
        schema.path("types").forEach(type -> types.put(type.path("name").asText(), type));
        List<DynamicTest> tests = new ArrayList<>();
        schema.path("queryType").path("fields").forEach(field -> tests.add(DynamicTest.dynamicTest(field.path("name").asText(),
                () -> fuzz(field, types))));
        return tests.stream();
    }

    private static void fuzz(JsonNode field, Map<String, JsonNode> types) throws Exception {
        List<JsonNode> args = new ArrayList<>();
        field.path("args").forEach(args::add);
        StringBuilder declarations = new StringBuilder();
        StringBuilder uses = new StringBuilder();
        Map<String, Object> base = new LinkedHashMap<>();
        for (JsonNode arg : args) {
            String name = arg.path("name").asText();
            declarations.append(declarations.isEmpty() ? "" : ", ").append('$').append(name).append(": ").append(typeName(arg.path("type")));
            uses.append(uses.isEmpty() ? "" : ", ").append(name).append(": $").append(name);
            base.put(name, plausible(arg.path("type"), types));
        }
        boolean object = List.of("OBJECT", "INTERFACE", "UNION").contains(types.get(named(field.path("type")).path("name").asText())
                .path("kind").asText());
        String query = "query Fuzz" + (args.isEmpty() ? "" : "(" + declarations + ")") + " { " + field.path("name").asText()
                + (args.isEmpty() ? "" : "(" + uses + ")") + (object ? " { __typename }" : "") + " }";

        List<String> faults = new ArrayList<>();
        int sent = 0;
        for (JsonNode arg : args) {
            String name = arg.path("name").asText();
            List<Object> values = new ArrayList<>(HOSTILE);
            JsonNode argType = types.get(named(arg.path("type")).path("name").asText());
            if (argType.path("kind").asText().equals("INPUT_OBJECT")) {
                for (JsonNode inputField : argType.path("inputFields")) {
                    for (Object value : HOSTILE) {
                        Map<String, Object> mutated = new LinkedHashMap<>(asMap(base.get(name)));
                        mutated.put(inputField.path("name").asText(), value);
                        values.add(mutated);
                    }
                }
                values.add(Map.of("noSuchField", 1));
            }
            for (Object value : values) {
                Map<String, Object> variables = new LinkedHashMap<>(base);
                variables.put(name, value);
                sent++;
                String fault = judge(post(query, variables));
                if (fault != null) {
                    faults.add(name + " = " + abbreviate(String.valueOf(value)) + " -> " + fault);
                }
            }
        }
        assertTrue(faults.isEmpty(), field.path("name").asText() + ": " + faults.size() + " of " + sent
                + " hostile requests were answered wrongly:\n" + String.join("\n", faults.subList(0, Math.min(25, faults.size()))));
    }

    /** The extensions.code values of errors that are the client's, as clients know them. */
    private static final Set<String> CLIENT_CODES = Set.of("BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED",
            "NOT_FOUND", "FORBIDDEN");

    /** What is wrong with an answer, or null when its errors are the client's (the request was at fault). */
    private static String judge(JsonNode answer) {
        if (answer.has("httpStatus")) {
            return "HTTP " + answer.path("httpStatus").asInt();
        }
        for (JsonNode error : answer.path("errors")) {
            String message = error.path("message").asText();
            if (message.isBlank() || message.contains("Server Error") || message.contains("System error") || message.contains("Exception")
                    || message.contains("java.")) {
                return "error '" + abbreviate(message) + "'";
            }
            String code = error.path("extensions").path("code").asText();
            if (!CLIENT_CODES.contains(code)) {
                return "error '" + abbreviate(message) + "' with code '" + code + "'";
            }
        }
        return null;
    }

    private static JsonNode post(String query, Map<String, Object> variables) throws Exception {
        var response = Api.admin().body(JSON.writeValueAsString(Map.of("query", query, "variables", variables))).post("/graphql")
                .then().extract();
        if (response.statusCode() >= 500) {
            ObjectNode failed = JSON.createObjectNode();
            failed.put("httpStatus", response.statusCode());
            return failed;
        }
        return JSON.readTree(response.asString());
    }

    /** A valid-looking value of the type, so that the other arguments' checks are reached. */
    private static Object plausible(JsonNode type, Map<String, JsonNode> types) {
        if (type.path("kind").asText().equals("NON_NULL")) {
            return plausible(type.path("ofType"), types);
        }
        if (type.path("kind").asText().equals("LIST")) {
            return List.of(plausible(type.path("ofType"), types));
        }
        JsonNode named = types.get(type.path("name").asText());
        return switch (named.path("kind").asText()) {
            case "ENUM" -> named.path("enumValues").get(0).path("name").asText();
            case "INPUT_OBJECT" -> {
                // enum-valued fields take their first value (a period preset); the others stay unset
                Map<String, Object> object = new LinkedHashMap<>();
                named.path("inputFields").forEach(f -> {
                    JsonNode fieldType = types.get(named(f.path("type")).path("name").asText());
                    if (fieldType.path("kind").asText().equals("ENUM")) {
                        object.put(f.path("name").asText(), fieldType.path("enumValues").get(0).path("name").asText());
                    }
                });
                yield object;
            }
            default -> switch (named.path("name").asText()) {
                case "Int", "BigInteger" -> 5;
                case "Float", "BigDecimal" -> 1.5;
                case "Boolean" -> true;
                case "Date" -> "2026-01-01";
                default -> "revenue";
            };
        };
    }

    private static String typeName(JsonNode type) {
        return switch (type.path("kind").asText()) {
            case "NON_NULL" -> typeName(type.path("ofType")) + "!";
            case "LIST" -> "[" + typeName(type.path("ofType")) + "]";
            default -> type.path("name").asText();
        };
    }

    private static JsonNode named(JsonNode type) {
        return type.path("ofType").isMissingNode() || type.path("ofType").isNull() ? type : named(type.path("ofType"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
