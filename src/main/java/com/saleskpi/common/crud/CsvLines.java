package com.saleskpi.common.crud;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/** Records as CSV lines, one at a time, with the columns of their JSON representation. */
final class CsvLines {

    private static final CsvMapper CSV_MAPPER = new CsvMapper();

    private final ObjectMapper mapper;
    private final List<String> columns;
    private final CsvSchema schema;

    CsvLines(ObjectMapper mapper, Class<?> type) {
        this.mapper = mapper;
        this.columns = mapper.getSerializationConfig().introspect(mapper.constructType(type)).findProperties().stream()
                .filter(BeanPropertyDefinition::couldSerialize).map(BeanPropertyDefinition::getName).toList();
        CsvSchema.Builder builder = CsvSchema.builder();
        columns.forEach(builder::addColumn);
        this.schema = builder.build();
    }

    String header() {
        return line(columns);
    }

    String line(Object record) {
        JsonNode node = mapper.valueToTree(record);
        List<String> cells = new ArrayList<>(columns.size());
        try {
            for (String column : columns) {
                JsonNode value = node.get(column);
                cells.add(value == null || value.isNull() ? "" : value.isValueNode() ? value.asText() : mapper.writeValueAsString(value));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record could not be exported", e);
        }
        return line(cells);
    }

    private String line(List<String> cells) {
        try {
            return CSV_MAPPER.writer(schema).writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record could not be exported", e);
        }
    }
}
