package com.saleskpi.common;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Rows written as CSV with a header, the columns being a row type's properties in its declared order. */
public final class CsvRows {

    public static final String CSV = "text/csv";
    private static final CsvMapper MAPPER = (CsvMapper) new CsvMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CsvRows() {
    }

    public static String write(Class<?> rowType, List<?> rows) {
        try {
            return MAPPER.writer(MAPPER.schemaFor(rowType).withHeader()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Rows of " + rowType.getSimpleName() + " could not be written as CSV", e);
        }
    }
}
