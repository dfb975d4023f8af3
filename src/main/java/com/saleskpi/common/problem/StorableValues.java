package com.saleskpi.common.problem;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * What PostgreSQL can store, checked where a value enters: text without the NUL character, and dates and instants
 * in the years 1 to 9999 (ISO 8601's four-digit years, which every client library reads). JSON bodies and import
 * rows are checked by the JSON reader, query parameters by the parameter converters; each refusal names the field.
 */
@Singleton
public class StorableValues implements ObjectMapperCustomizer {

    public static final LocalDate EARLIEST_DATE = LocalDate.of(1, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(9999, 12, 31);
    private static final Instant EARLIEST_INSTANT = EARLIEST_DATE.atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant LATEST_INSTANT = LATEST_DATE.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1);
    private static final Set<Class<?>> CHECKED = Set.of(String.class, LocalDate.class, Instant.class, OffsetDateTime.class);
    private static final String DATE_RANGE = "must lie between " + EARLIEST_DATE + " and " + LATEST_DATE;

    /** Why a value cannot be stored, or null when it can. */
    public static String refusal(Object value) {
        if (value instanceof String text) {
            return text.indexOf('\0') >= 0 ? "must not contain the NUL character (U+0000)" : null;
        }
        if (value instanceof LocalDate date) {
            return date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE) ? DATE_RANGE : null;
        }
        if (value instanceof Instant instant) {
            return instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(LATEST_INSTANT) ? DATE_RANGE : null;
        }
        if (value instanceof OffsetDateTime time) {
            return refusal(time.toInstant());
        }
        return null;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("storable-values");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return CHECKED.contains(description.getBeanClass()) ? new Checked(deserializer) : deserializer;
            }
        });
        mapper.registerModule(module);
    }

    /** A value read correctly that the database cannot keep; its message is the rule it breaks. */
    public static final class Unstorable extends InvalidFormatException {
        Unstorable(JsonParser parser, String refusal, Object value) {
            super(parser, refusal, value, value.getClass());
        }
    }

    /** Reads as the wrapped deserializer does, then refuses a value PostgreSQL cannot store. */
    private static final class Checked extends DelegatingDeserializer {

        Checked(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Checked(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            String refusal = refusal(value);
            if (refusal != null) {
                throw new Unstorable(parser, refusal, value);
            }
            return value;
        }
    }
}
