package com.saleskpi.common;

import static com.saleskpi.testing.Api.abbreviate;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.saleskpi.common.crud.CrudCollections;
import com.saleskpi.testing.Api;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/**
 * Hostile input for every operation of the committed OpenAPI document, generated from it: each parameter and each body
 * field, one at a time, gets empty, over-long, NUL-bearing, out-of-range, wrong-type and malformed values, and each
 * body is also sent malformed as a whole. Every answer must be below 500, have a status the operation documents and,
 * when an error, be a problem document as the Problem schema describes it. A new operation is covered without new code.
 */
@QuarkusTest
class OpenApiFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG = "x".repeat(10_000);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    CrudCollections collections;

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersHostileInputWithADocumentedProblem() throws IOException {
        JsonNode api = new YAMLMapper().readTree(Path.of("openapi/openapi.yaml").toFile());
        String token = Api.token("admin-user", "admin");
        List<DynamicTest> tests = new ArrayList<>();
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String method = operation.getKey().toUpperCase();
            tests.add(DynamicTest.dynamicTest(method + " " + path.getKey(),
                    () -> fuzz(api, token, path.getKey(), method, operation.getValue())));
        }));
        // deletes last: a delete that succeeds would take away the record the other operations work on
        tests.sort(Comparator.comparing(test -> test.getDisplayName().startsWith("DELETE")));
        return tests.stream();
    }

    /** A request to send: the path with its parameters filled in, query parameters, headers and body. */
    private record Attempt(String what, String path, Map<String, String> query, Map<String, String> headers, String contentType,
            String body) {
    }

    private void fuzz(JsonNode api, String token, String pathTemplate, String method, JsonNode operation) throws Exception {
        Optional<String> collection = collectionOf(pathTemplate);
        Map<String, Object> validBody = collection.map(name -> Fixtures.bodyFor(collections.find(name).orElseThrow().table()))
                .orElse(null);
        String existingId = collection.isPresent() && pathTemplate.contains("{id}")
                ? Fixtures.create("/api/v1/" + collection.get(), Fixtures.bodyFor(collections.find(collection.get()).orElseThrow().table()))
                : null;
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);

        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            switch (parameter.path("in").asText()) {
                case "path" -> pathValues.put(name, name.equals("id") && existingId != null ? existingId : plausible(api, parameter));
                case "query" -> {
                    if (parameter.path("required").asBoolean() || parameter.has("example") || parameter.has("examples")) {
                        query.put(name, plausible(api, parameter));
                    }
                }
                default -> { }
            }
        }
        String contentType = requestContentType(operation);
        String baseBody = contentType == null ? null
                : contentType.contains("json") ? JSON.writeValueAsString(validBody == null ? Map.of() : validBody)
                : "externalRef,name\nfuzz-" + UUID.randomUUID() + ",Fuzz\n";

        List<Attempt> attempts = new ArrayList<>();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            for (String value : hostileTexts(schemaOf(api, parameter.path("schema")), !in.equals("header"))) {
                if (in.equals("path") && value.isEmpty()) {
                    continue; // an empty path segment is another operation's path
                }
                String what = in + " " + name + " = " + abbreviate(value);
                switch (in) {
                    case "path" -> {
                        Map<String, String> values = new LinkedHashMap<>(pathValues);
                        values.put(name, value);
                        attempts.add(new Attempt(what, fill(pathTemplate, values), query, headers, contentType, baseBody));
                    }
                    case "query" -> {
                        Map<String, String> mutated = new LinkedHashMap<>(query);
                        mutated.put(name, value);
                        attempts.add(new Attempt(what, fill(pathTemplate, pathValues), mutated, headers, contentType, baseBody));
                    }
                    case "header" -> {
                        Map<String, String> mutated = new LinkedHashMap<>(headers);
                        mutated.put(name, value);
                        attempts.add(new Attempt(what, fill(pathTemplate, pathValues), query, mutated, contentType, baseBody));
                    }
                    default -> { }
                }
            }
        }
        String path = fill(pathTemplate, pathValues);
        if (contentType != null && contentType.contains("json")) {
            JsonNode schema = schemaOf(api, operation.path("requestBody").path("content").path(contentType).path("schema"));
            for (Iterator<String> fields = schema.path("properties").fieldNames(); fields.hasNext();) {
                String field = fields.next();
                for (String value : hostileJson(schemaOf(api, schema.path("properties").path(field)))) {
                    ObjectNode body = (ObjectNode) JSON.readTree(baseBody);
                    body.set(field, JSON.readTree(value));
                    attempts.add(new Attempt("body " + field + " = " + abbreviate(value), path, query, headers, contentType,
                            JSON.writeValueAsString(body)));
                }
            }
        }
        if (contentType != null) {
            for (String body : List.of("", "[]", "\"x\"", "{", "{\"a\":", "[".repeat(5_000), "1".repeat(5_000), "a\u0000b",
                    "externalRef,name\n\"unclosed,x\n")) {
                attempts.add(new Attempt("whole body = " + abbreviate(body), path, query, headers, contentType, body));
            }
        }

        List<String> faults = new ArrayList<>();
        for (Attempt attempt : attempts) {
            HttpResponse<String> answer = send(token, method, attempt);
            String fault = judge(operation, answer);
            if (fault != null) {
                faults.add(attempt.what() + " -> " + fault);
            }
        }
        assertTrue(faults.isEmpty(), method + " " + pathTemplate + ": " + faults.size() + " of " + attempts.size()
                + " hostile requests were answered wrongly:\n" + String.join("\n", faults.subList(0, Math.min(25, faults.size()))));
    }

    /** What is wrong with an answer, or null when it keeps the contract. */
    private static String judge(JsonNode operation, HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "HTTP " + status + " " + abbreviate(answer.body());
        }
        if (!operation.path("responses").has(String.valueOf(status))) {
            return "HTTP " + status + ", which the operation does not document: " + abbreviate(answer.body());
        }
        if (status < 400) {
            return null;
        }
        String type = answer.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "HTTP " + status + " with Content-Type '" + type + "' instead of application/problem+json";
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            boolean typed = problem.path("type").asText().startsWith("urn:saleskpi:problem:") && problem.path("title").isTextual()
                    && problem.path("status").asInt() == status && problem.path("detail").isTextual();
            boolean errorsFit = !problem.has("errors") || (problem.path("errors").isArray()
                    && Stream.iterate(0, i -> i < problem.path("errors").size(), i -> i + 1).map(problem.path("errors")::get)
                            .allMatch(error -> error.path("field").isTextual() && error.path("message").isTextual()));
            return typed && errorsFit ? null : "a problem document that does not fit the Problem schema: " + abbreviate(answer.body());
        } catch (IOException e) {
            return "HTTP " + status + " whose body is not JSON: " + abbreviate(answer.body());
        }
    }

    private static HttpResponse<String> send(String token, String method, Attempt attempt) throws Exception {
        StringBuilder uri = new StringBuilder("http://localhost:" + RestAssured.port + attempt.path());
        String separator = "?";
        for (Map.Entry<String, String> parameter : attempt.query().entrySet()) {
            uri.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
        attempt.headers().forEach(request::header);
        HttpRequest.BodyPublisher body = attempt.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(attempt.body());
        if (attempt.body() != null) {
            request.header("Content-Type", attempt.contentType());
        }
        return HTTP.send(request.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CRUD collection a path belongs to ("accounts" for /api/v1/accounts/{id}), if it is one. */
    private Optional<String> collectionOf(String path) {
        String[] parts = path.split("/");
        return parts.length > 3 && collections.names().contains(parts[3]) ? Optional.of(parts[3]) : Optional.empty();
    }

    private static String requestContentType(JsonNode operation) {
        Iterator<String> types = operation.path("requestBody").path("content").fieldNames();
        return types.hasNext() ? types.next() : null;
    }

    /** The schema itself, with a $ref to a component followed (the generator writes both $ref and type side by side). */
    private static JsonNode schemaOf(JsonNode api, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#/components/schemas/")) {
            return api.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        JsonNode items = schema.path("allOf");
        return items.isArray() && items.size() > 0 ? schemaOf(api, items.get(0)) : schema;
    }

    /**
     * A well-formed value for a required parameter or one with an example (the base request carries both), so that the
     * other parameters' checks are reached.
     */
    private static String plausible(JsonNode api, JsonNode parameter) {
        JsonNode example = parameter.has("example") ? parameter.path("example") : parameter.path("examples").path(0);
        if (!example.isMissingNode()) {
            return example.isArray() ? example.path(0).asText() : example.asText();
        }
        JsonNode schema = schemaOf(api, parameter.path("schema"));
        if (schema.has("enum")) {
            return schema.path("enum").get(0).asText();
        }
        return switch (schema.path("format").asText(schema.path("type").asText())) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date" -> "2026-01-01";
            case "date-time" -> "2026-01-01T00:00:00Z";
            case "integer", "int32", "int64" -> "1";
            case "boolean" -> "true";
            default -> "x";
        };
    }

    /** Hostile text for a parameter; NUL and non-ASCII only where a URL carries them (percent-encoded). */
    private static List<String> hostileTexts(JsonNode schema, boolean inUrl) {
        List<String> values = new ArrayList<>(List.of("", LONG.substring(0, 3_000), "' or 1=1 --", "%", "_"));
        if (inUrl) {
            values.addAll(List.of("a\u0000b", LONG, "\uD83D\uDE00"));
        }
        values.addAll(switch (schema.path("format").asText(schema.path("type").asText())) {
            case "integer", "int32", "int64" -> List.of("abc", "1.5", "99999999999999999999", "-2147483649", "0", "-1");
            case "number", "double" -> List.of("abc", "1e400", "NaN", "-1");
            case "boolean" -> List.of("maybe", "1");
            case "date" -> List.of("+999999999-12-31", "-999999999-01-01", "2026-02-30", "2026-1-1");
            case "date-time" -> List.of("+999999999-12-31T00:00:00Z", "2026-01-01", "yesterday");
            case "uuid" -> List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", UUID.randomUUID().toString());
            default -> schema.has("enum") ? List.of("NOT_A_MEMBER", schema.path("enum").get(0).asText().toLowerCase()) : List.of();
        });
        return values;
    }

    /** Hostile JSON values for a body field, whatever its type: every field also gets every other type. */
    private static List<String> hostileJson(JsonNode schema) {
        List<String> values = new ArrayList<>(List.of("\"\"", "\"a\\u0000b\"", "\"" + LONG + "\"", "1e400", "-1e20", "0", "12",
                "\"abc\"", "true", "{}", "[]", "null", "[[[[1]]]]", "\"+999999999-12-31\"", "\"-999999999-01-01T00:00:00Z\"",
                "\"not-a-uuid\"", "\"NOT_A_MEMBER\"", "123456789012345678901234567890.123456789"));
        if (schema.path("type").asText().equals("array")) {
            values.addAll(List.of("[{}]", "[null]", "[{\"quantity\":-1}]", "[" + "{},".repeat(2_000) + "{}]"));
        }
        return values;
    }

    private static String fill(String template, Map<String, String> values) {
        String path = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            String encoded = URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8).replace("+", "%20");
            path = path.replace("{" + value.getKey() + "}", encoded);
        }
        return path;
    }
}
