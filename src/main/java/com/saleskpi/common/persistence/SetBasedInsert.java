package com.saleskpi.common.persistence;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hibernate.generator.Generator;
import org.hibernate.id.uuid.UuidGenerator;
import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.metamodel.mapping.EntityMappingType;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/**
 * Inserts many new records in one statement per table instead of one per record: the rows travel as one JSON array
 * that PostgreSQL expands with {@code jsonb_populate_recordset}. The columns and how each value is stored come from
 * Hibernate's mapping of the entity, so the entity class stays the one mapping; the records of a one-to-many
 * collection (an order's lines) follow their owner, as the ORM's cascade would insert them.
 * <p>
 * What it leaves out of the ORM: the persistence context (the records are not managed afterwards) and Hibernate's
 * generators other than the id's. UUID ids are generated here as the ORM would; identity ids are left to the
 * database; any other generated value must be set before (an {@link IllegalStateException} says which).
 */
@Singleton
public class SetBasedInsert {

    /** One column of a table and how to read its value from a record. */
    private record Column(String name, Function<Object, Object> value) {
    }

    /** How one entity type is inserted: its table, its columns, its id generator and its owned collections. */
    private record Mapping(String table, List<Column> columns, Function<Object, Object> newId, EntityIdentifierMapping id,
            List<AttributeMapping> ownedCollections) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final MappingMetamodel metamodel;
    private final Map<Class<?>, Mapping> mappings = new ConcurrentHashMap<>();

    public SetBasedInsert(Mutiny.SessionFactory sessions) {
        this.metamodel = (MappingMetamodel) sessions.getMetamodel();
    }

    /**
     * Inserts new records with their owned collections, one statement per entity type in the order they first appear;
     * gives them ids first (the ORM's way), so that the caller may refer to them afterwards.
     */
    public Uni<Void> insert(Mutiny.Session session, List<?> records) {
        Map<Class<?>, List<Object>> byType = records.stream()
                .collect(Collectors.groupingBy(Object::getClass, LinkedHashMap::new, Collectors.toList()));
        return Multi.createFrom().iterable(byType.values())
                .onItem().transformToUniAndConcatenate(ofOneType -> insertOfOneType(session, ofOneType))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> insertOfOneType(Mutiny.Session session, List<?> records) {
        Mapping mapping = mapping(records.get(0).getClass());
        if (mapping.newId() != null) {
            records.stream().filter(record -> mapping.id().getIdentifier(record) == null)
                    // the id property is a plain property: its setter needs no session
                    .forEach(record -> mapping.id().setIdentifier(record, mapping.newId().apply(record), null));
        }
        String statement = "insert into " + mapping.table() + " (" + columnList(mapping) + ") select " + columnList(mapping)
                + " from jsonb_populate_recordset(null::" + mapping.table() + ", cast(cast(?1 as text) as jsonb))";
        return session.createNativeQuery(statement).setParameter(1, rows(mapping, records)).executeUpdate()
                .chain(() -> Multi.createFrom().iterable(mapping.ownedCollections())
                        .onItem().transformToUniAndConcatenate(collection -> insert(session, records.stream()
                                .flatMap(record -> ((Collection<?>) collection.getValue(record)).stream()).toList()))
                        .collect().last().replaceWithVoid());
    }

    private static String columnList(Mapping mapping) {
        return String.join(", ", mapping.columns().stream().map(Column::name).toList());
    }

    /** The records as a JSON array of objects keyed by column; a null value is left out (the column's null). */
    private static String rows(Mapping mapping, List<?> records) {
        StringWriter text = new StringWriter(records.size() * 256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartArray();
            for (Object record : records) {
                json.writeStartObject();
                for (Column column : mapping.columns()) {
                    Object value = column.value().apply(record);
                    if (value != null) {
                        json.writeFieldName(column.name());
                        writeValue(json, value);
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Numbers and booleans as JSON's; anything else (UUIDs, dates, instants, enums by name) as its ISO text form. */
    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal.toPlainString());
        } else if (value instanceof Number number) {
            json.writeNumber(number.toString());
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Enum<?> constant) {
            json.writeString(constant.name());
        } else {
            json.writeString(value.toString());
        }
    }

    private Mapping mapping(Class<?> type) {
        return mappings.computeIfAbsent(type, this::readMapping);
    }

    private Mapping readMapping(Class<?> type) {
        EntityPersister persister = metamodel.getEntityDescriptor(type);
        String table = persister.getMappedTableDetails().getTableName();
        List<Column> columns = new ArrayList<>();
        List<AttributeMapping> owned = new ArrayList<>();
        EntityIdentifierMapping id = persister.getIdentifierMapping();
        Generator idGenerator = persister.getGenerator();
        Function<Object, Object> newId = null;
        if (!idGenerator.generatedOnExecution()) {
            if (!(idGenerator instanceof UuidGenerator uuids)) {
                throw new IllegalStateException(type.getSimpleName() + "'s id generator is not supported by set-based inserts");
            }
            // UUID generators do not use the session
            newId = record -> uuids.generate(null, record, null, org.hibernate.generator.EventType.INSERT);
            columns.add(new Column(((BasicValuedModelPart) id).getSelectionExpression(), id::getIdentifier));
        }
        for (int i = 0; i < persister.getAttributeMappings().size(); i++) {
            AttributeMapping attribute = persister.getAttributeMappings().get(i);
            if (attribute.isPluralAttributeMapping()) {
                owned.add(attribute);
            } else if (attribute instanceof ToOneAttributeMapping reference) {
                EntityMappingType target = reference.getAssociatedEntityMappingType();
                columns.add(new Column(((BasicValuedModelPart) reference.getForeignKeyDescriptor().getKeyPart()).getSelectionExpression(),
                        record -> {
                            Object referenced = reference.getValue(record);
                            return referenced == null ? null : target.getIdentifierMapping().getIdentifier(referenced);
                        }));
            } else if (attribute.asBasicValuedModelPart() != null && attribute.asBasicValuedModelPart().isInsertable()) {
                BasicValuedModelPart basic = attribute.asBasicValuedModelPart();
                if (basic.getJavaType().getJavaTypeClass().isEnum() && !basic.getJdbcMapping().getJdbcType().isString()) {
                    throw new IllegalStateException(type.getSimpleName() + "." + attribute.getAttributeName()
                            + " is an enum not stored by name, which set-based inserts do not support");
                }
                boolean generated = attribute.getGenerator() != null && attribute.getGenerator().generatesOnInsert();
                columns.add(new Column(basic.getSelectionExpression(), record -> {
                    Object value = attribute.getValue(record);
                    if (value == null && generated) {
                        throw new IllegalStateException(type.getSimpleName() + "." + attribute.getAttributeName()
                                + " is generated by Hibernate: set it before a set-based insert");
                    }
                    return value;
                }));
            }
        }
        return new Mapping(table, List.copyOf(columns), newId, id, List.copyOf(owned));
    }
}
