package com.saleskpi.common.crud;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Records as CSV lines with the columns of their JSON representation. A record with a list of nested records (an
 * order's lines) is one line per nested record, its own columns repeated and the nested record's columns named
 * {list}.{field} ("lines.quantity"); with an empty list, one line with those columns empty. BI tools read every cell as
 * a value, never as JSON text.
 */
final class CsvLines {

    private static final CsvMapper CSV_MAPPER = new CsvMapper();

    private final ObjectMapper mapper;
    private final List<String> columns;
    /** The list of nested records, and the columns of one of them, if the type has such a list. */
    private final Optional<String> nested;
    private final List<String> nestedColumns;
    private final CsvSchema schema;

    CsvLines(ObjectMapper mapper, Class<?> type) {
        this.mapper = mapper;
        List<BeanPropertyDefinition> properties = properties(mapper, mapper.constructType(type));
        Optional<BeanPropertyDefinition> list = properties.stream().filter(CsvLines::isListOfRecords).findFirst();
        this.nested = list.map(BeanPropertyDefinition::getName);
        this.nestedColumns = list.map(p -> properties(mapper, p.getPrimaryType().getContentType()).stream()
                .map(BeanPropertyDefinition::getName).toList()).orElse(List.of());
        this.columns = properties.stream().map(BeanPropertyDefinition::getName).filter(name -> !nested.map(name::equals).orElse(false))
                .toList();
        CsvSchema.Builder builder = CsvSchema.builder();
        columns.forEach(builder::addColumn);
        nestedColumns.forEach(column -> builder.addColumn(nested.orElseThrow() + "." + column));
        this.schema = builder.build();
    }

    private static List<BeanPropertyDefinition> properties(ObjectMapper mapper, JavaType type) {
        return mapper.getSerializationConfig().introspect(type).findProperties().stream().filter(BeanPropertyDefinition::couldSerialize)
                .toList();
    }

    private static boolean isListOfRecords(BeanPropertyDefinition property) {
        JavaType type = property.getPrimaryType();
        return type.isCollectionLikeType() && type.getContentType() != null && !type.getContentType().isPrimitive()
                && !type.getContentType().isEnumType() && !type.getContentType().getRawClass().getName().startsWith("java.");
    }

    String header() {
        List<String> names = new ArrayList<>(columns);
        nestedColumns.forEach(column -> names.add(nested.orElseThrow() + "." + column));
        return line(names);
    }

    String line(Object record) {
        JsonNode node = mapper.valueToTree(record);
        List<String> own = cells(node, columns);
        if (nested.isEmpty()) {
            return line(own);
        }
        JsonNode elements = node.path(nested.get());
        if (!elements.isArray() || elements.isEmpty()) {
            List<String> cells = new ArrayList<>(own);
            nestedColumns.forEach(column -> cells.add(""));
            return line(cells);
        }
        StringBuilder lines = new StringBuilder();
        for (JsonNode element : elements) {
            List<String> cells = new ArrayList<>(own);
            cells.addAll(cells(element, nestedColumns));
            lines.append(line(cells));
        }
        return lines.toString();
    }

    private List<String> cells(JsonNode node, List<String> names) {
        List<String> cells = new ArrayList<>(names.size());
        try {
            for (String name : names) {
                JsonNode value = node.get(name);
                cells.add(value == null || value.isNull() ? "" : value.isValueNode() ? value.asText() : mapper.writeValueAsString(value));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record could not be exported", e);
        }
        return cells;
    }

    private String line(List<String> cells) {
        try {
            return CSV_MAPPER.writer(schema).writeValueAsString(cells);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record could not be exported", e);
        }
    }
}
