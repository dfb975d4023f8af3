package com.saleskpi.common.crud;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.common.problem.UncheckedJsonException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/** A collection's records read from JSON (request bodies, import rows, stored responses) and validated. */
final class RecordJson<E> {

    private final Class<E> type;
    private final ObjectMapper mapper;
    private final Validator validator;
    /** Reads a stored response back with its server-managed fields, which the API mapper treats as read-only. */
    private final ObjectMapper replayReader;

    RecordJson(Class<E> type, ObjectMapper mapper, Validator validator) {
        this.type = type;
        this.mapper = mapper;
        this.validator = validator;
        this.replayReader = mapper.copy().disable(MapperFeature.USE_ANNOTATIONS);
    }

    E read(JsonNode json) {
        return read(json, mapper);
    }

    E read(JsonNode json, ObjectMapper reader) {
        if (json == null || !json.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The request body must be a JSON object");
        }
        try {
            return reader.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedJsonException(e);
        }
    }

    /** Bean Validation of a record built outside the REST layer (which validates its bodies itself); violations throw. */
    public void validate(E candidate) {
        Set<ConstraintViolation<E>> violations = validator.validate(candidate);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
    }

    /** The original response again: all its fields, server-managed ones included, exactly as they were sent. */
    E replayOf(JsonNode storedBody) {
        try {
            return replayReader.treeToValue(storedBody, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored response cannot be read back", e);
        }
    }
}
