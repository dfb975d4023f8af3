package com.saleskpi.common.crud;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/** Turns records into CSV lines (header first) or NDJSON lines, one at a time. */
final class Exports {

    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";
    private static final CsvMapper CSV_MAPPER = new CsvMapper();

    private final ObjectMapper mapper;
    private final boolean csv;
    private final List<String> columns;
    private final CsvSchema schema;

    Exports(ObjectMapper mapper, Class<?> type, String mediaType) {
        this.mapper = mapper;
        this.csv = CSV.equals(mediaType);
        SerializationConfig config = mapper.getSerializationConfig();
        this.columns = config.introspect(mapper.constructType(type)).findProperties().stream()
                .filter(BeanPropertyDefinition::couldSerialize).map(BeanPropertyDefinition::getName).toList();
        CsvSchema.Builder builder = CsvSchema.builder();
        columns.forEach(builder::addColumn);
        this.schema = builder.build();
    }

    String header() {
        return csv ? String.join(",", columns) + "\n" : "";
    }

    /** One record as a line: nested values (an order's lines) become a JSON text cell in CSV. */
    String line(Object record) {
        JsonNode node = mapper.valueToTree(record);
        try {
            if (!csv) {
                return mapper.writeValueAsString(node) + "\n";
            }
            List<String> cells = new ArrayList<>(columns.size());
            for (String column : columns) {
                JsonNode value = node.get(column);
                cells.add(value == null || value.isNull() ? "" : value.isValueNode() ? value.asText() : mapper.writeValueAsString(value));
            }
            return CSV_MAPPER.writer(schema).writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record could not be exported", e);
        }
    }
}
