package com.saleskpi.common.crud;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

import com.saleskpi.common.problem.StorableValues;
import com.saleskpi.common.problem.ProblemException;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads UUID, date, instant, integer, boolean and enum parameters with a 400 that names the parameter,
 * instead of JAX-RS's default 404 for an unconvertible path or query parameter.
 */
@Provider
public class StrictParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, UUID::fromString, "must be a UUID");
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, LocalDate::parse, "must be a date (YYYY-MM-DD)");
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) converter(name, Instant::parse, "must be an ISO 8601 instant such as 2026-01-31T09:00:00Z");
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, Integer::valueOf, "must be an integer");
        }
        if (rawType == BigDecimal.class) {
            return (ParamConverter<T>) converter(name, BigDecimal::new, "must be a decimal number such as 50000 or 1250.50");
        }
        if (rawType == boolean.class || rawType == Boolean.class) {
            return (ParamConverter<T>) converter(name, StrictParamConverters::strictBoolean, "must be true or false");
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> enumType = (Class<? extends Enum>) rawType;
            return (ParamConverter<T>) converter(name, value -> Enum.valueOf(enumType, value),
                    "must be one of " + Arrays.toString(rawType.getEnumConstants()));
        }
        return null;
    }

    private static Boolean strictBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException(text);
    }

    private static <T> ParamConverter<T> converter(String name, Function<String, T> parse, String expectation) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                T parsed;
                try {
                    parsed = parse.apply(value);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw ProblemException.invalidParameter(name, expectation + ", got '" + value + "'");
                }
                // well formed, but perhaps not storable (a date in the year 999999999)
                String refusal = StorableValues.refusal(parsed);
                if (refusal != null) {
                    throw ProblemException.invalidParameter(name, refusal);
                }
                return parsed;
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static String parameterName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
        }
        return "parameter";
    }
}
