package com.saleskpi.imports;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

/** An import file read into rows: CSV with a header row of field names, or NDJSON with one record a line. */
final class ImportFiles {

    private final ObjectMapper json;
    private final ObjectMapper csvValues;

    ImportFiles(ObjectMapper json, ObjectMapper csvValues) {
        this.json = json;
        this.csvValues = csvValues;
    }

    List<JsonNode> parse(String body, boolean csv) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The file is empty");
        }
        try {
            if (csv) {
                List<JsonNode> rows = new ArrayList<>();
                try (MappingIterator<Map<String, String>> lines = new CsvMapper().readerForMapOf(String.class)
                        .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
                    while (lines.hasNext()) {
                        ObjectNode row = csvValues.createObjectNode();
                        lines.next().forEach((field, value) -> {
                            if (value != null && !value.isEmpty()) {
                                row.put(field, value);
                            }
                        });
                        rows.add(row);
                    }
                }
                return rows;
            }
            List<JsonNode> rows = new ArrayList<>();
            for (String line : body.split("\\R")) {
                if (!line.isBlank()) {
                    rows.add(json.readTree(line));
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The file cannot be read as " + (csv ? "CSV" : "NDJSON")
                    + ": " + e.getMessage());
        }
    }
}
