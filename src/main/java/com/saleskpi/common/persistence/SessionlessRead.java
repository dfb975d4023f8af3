package com.saleskpi.common.persistence;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hibernate.metamodel.MappingMetamodel;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping;
import org.hibernate.metamodel.mapping.PluralAttributeMapping;
import org.hibernate.metamodel.mapping.internal.EntityCollectionPart;
import org.hibernate.metamodel.mapping.internal.ToOneAttributeMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.converter.spi.BasicValueConverter;
import org.hibernate.property.access.spi.Setter;
import org.hibernate.reactive.mutiny.Mutiny;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import jakarta.persistence.OrderBy;

/**
 * Reads records (one by id, or a page) with one statement on a reactive SQL client instead of an ORM session: a read
 * then costs the statement and the objects, not a session, a persistence context and Hibernate's loader (which took
 * more CPU than the rest of a GET together). The columns, and how each is set on a record, come from Hibernate's
 * mapping of the entity, as for {@link SetBasedInsert}, so that the entity class stays the one mapping. A one-to-many
 * collection (an order's lines) is read in the same statement, in the order its {@code @OrderBy} names.
 * <p>
 * Conditions and orders are SQL over the entity's table, its columns named by the table's name ({@link #column}).
 * The records it returns are not managed; they are for answering, not for changing.
 */
@Singleton
public class SessionlessRead {

    /** A property's column, how its value is read from a result row (by position) and set on a record. */
    private record Column(String property, String name, Function<Object, Object> converter, Setter setter) {
    }

    /** One entity type's columns (the id's first); a collection's elements also name their owner's reference. */
    private record Mapping(String table, List<Column> columns, Constructor<?> constructor, Setter ownerReference) {
        String idColumn() {
            return columns.get(0).name();
        }

        /** Each property's column, named by the table's name. */
        Map<String, String> columnOf() {
            return columns.stream().collect(Collectors.toUnmodifiableMap(Column::property, column -> table + "." + column.name()));
        }
    }

    /** An owned one-to-many collection: its elements' mapping, their key column, their order and where the list goes. */
    private record Collected(Mapping element, String keyColumn, String orderBy, Setter list) {
    }

    /** How an entity type is read: its columns, its collection if any, the select list of both, and each property's column. */
    private record Reader(Mapping owner, Collected collected, String columns, Map<String, String> columnOf) {
    }

    private final MappingMetamodel metamodel;
    private final Map<Class<?>, Reader> readers = new ConcurrentHashMap<>();

    public SessionlessRead(Mutiny.SessionFactory sessions) {
        this.metamodel = (MappingMetamodel) sessions.getMetamodel();
    }

    /** Prepares the reading of a type at start-up, so that a mapping it cannot read fails there and not on a request. */
    public void prepare(Class<?> type) {
        reader(type);
    }

    /** The column of a property, named by its table's name, for conditions and orders. */
    public String column(Class<?> type, String property) {
        String column = reader(type).columnOf().get(property);
        if (column == null) {
            throw new IllegalStateException(type.getSimpleName() + " has no column for " + property);
        }
        return column;
    }

    /**
     * The records meeting the condition (empty: all), in this order (null: any), at most limit of them (0: no limit),
     * each with its collection. The statement runs where the caller says (in the caller's scope, for one).
     */
    public <E> Uni<List<E>> list(BiFunction<String, Tuple, Uni<RowSet<Row>>> statement, Class<E> type, String condition,
            List<Object> parameters, String orderBy, int limit) {
        Reader reader = reader(type);
        String table = reader.owner().table();
        String selected = (condition.isEmpty() ? "" : " where " + condition) + (orderBy == null ? "" : " order by " + orderBy)
                + (limit == 0 ? "" : " limit " + limit);
        Collected collected = reader.collected();
        String sql = collected == null ? "select " + reader.columns() + " from " + table + selected
                // the limit counts records, not their collection's rows: the records are chosen first, then joined
                : "select " + reader.columns() + " from (select * from " + table + selected + ") " + table + " left join "
                        + collected.element().table() + " on " + collected.element().table() + "." + collected.keyColumn() + " = "
                        + table + "." + reader.owner().idColumn() + " order by " + (orderBy == null ? "" : orderBy + ", ")
                        + collected.orderBy();
        return statement.apply(sql, Tuple.from(parameters)).map(rows -> records(type, reader, rows));
    }

    /** The rows as records; the rows of one record (one per element of its collection) follow each other. */
    private static <E> List<E> records(Class<E> type, Reader reader, RowSet<Row> rows) {
        List<E> records = new ArrayList<>(rows.size());
        Collected collected = reader.collected();
        int elementsFrom = reader.owner().columns().size();
        Object currentId = null;
        Object record = null;
        List<Object> elements = null;
        for (Row row : rows) {
            Object id = row.getValue(0);
            if (!id.equals(currentId)) {
                currentId = id;
                record = hydrate(reader.owner(), row, 0);
                records.add(type.cast(record));
                if (collected != null) {
                    elements = new ArrayList<>();
                    collected.list().set(record, elements);
                }
            }
            if (collected != null && row.getValue(elementsFrom) != null) {
                Object element = hydrate(collected.element(), row, elementsFrom);
                if (collected.element().ownerReference() != null) {
                    collected.element().ownerReference().set(element, record);
                }
                elements.add(element);
            }
        }
        return records;
    }

    private static Object hydrate(Mapping mapping, Row row, int firstColumn) {
        try {
            Object record = mapping.constructor().newInstance();
            List<Column> columns = mapping.columns();
            for (int i = 0; i < columns.size(); i++) {
                Object value = row.getValue(firstColumn + i);
                columns.get(i).setter().set(record, value == null ? null : columns.get(i).converter().apply(value));
            }
            return record;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reader reader(Class<?> type) {
        return readers.computeIfAbsent(type, this::readReader);
    }

    private Reader readReader(Class<?> type) {
        EntityPersister persister = metamodel.getEntityDescriptor(type);
        List<Collected> collections = new ArrayList<>();
        Mapping owner = mapping(persister, null, collections);
        if (collections.size() > 1) {
            throw new IllegalStateException(type.getSimpleName() + " has more than one collection, which one statement cannot read");
        }
        Collected collected = collections.isEmpty() ? null : collections.get(0);
        return new Reader(owner, collected, columnList(owner) + (collected == null ? "" : ", " + columnList(collected.element())),
                owner.columnOf());
    }

    private static String columnList(Mapping mapping) {
        return String.join(", ", mapping.columns().stream().map(column -> mapping.table() + "." + column.name()).toList());
    }

    /** The columns of an entity; its collection, if any, goes to collections; owner is the type a collection element belongs to. */
    private Mapping mapping(EntityPersister persister, Class<?> owner, List<Collected> collections) {
        Class<?> type = persister.getMappedClass();
        List<Column> columns = new ArrayList<>();
        if (!(persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping id)) {
            throw new IllegalStateException(type.getSimpleName() + " has a composite id, which reads without a session do not support");
        }
        String idColumn = id.getSelectionExpression();
        columns.add(new Column(id.getAttributeName(), idColumn, converter(type, id.getAttributeName(), id.getJdbcMapping()),
                id.getPropertyAccess().getSetter()));
        Setter ownerReference = null;
        for (int i = 0; i < persister.getAttributeMappings().size(); i++) {
            AttributeMapping attribute = persister.getAttributeMappings().get(i);
            String name = attribute.getAttributeName();
            if (attribute instanceof PluralAttributeMapping plural && plural.getElementDescriptor() instanceof EntityCollectionPart part) {
                EntityPersister element = part.getAssociatedEntityMappingType().getEntityPersister();
                List<Collected> nested = new ArrayList<>();
                Mapping elementMapping = mapping(element, type, nested);
                if (!nested.isEmpty()) {
                    throw new IllegalStateException(type.getSimpleName() + "." + name + " holds collections, which one statement cannot read");
                }
                collections.add(new Collected(elementMapping,
                        ((BasicValuedModelPart) plural.getKeyDescriptor().getKeyPart()).getSelectionExpression(),
                        orderBy(plural, elementMapping, element.getMappedClass()), attribute.getPropertyAccess().getSetter()));
            } else if (attribute instanceof ToOneAttributeMapping reference
                    && reference.getAssociatedEntityMappingType().getJavaType().getJavaTypeClass() == owner) {
                ownerReference = attribute.getPropertyAccess().getSetter();
            } else if (attribute.asBasicValuedModelPart() != null) {
                BasicValuedModelPart basic = attribute.asBasicValuedModelPart();
                columns.add(new Column(name, basic.getSelectionExpression(), converter(type, name, basic.getJdbcMapping()),
                        attribute.getPropertyAccess().getSetter()));
            } else {
                throw new IllegalStateException(type.getSimpleName() + "." + name + " is not a column, nor a collection it owns");
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return new Mapping(persister.getMappedTableDetails().getTableName(), List.copyOf(columns), constructor, ownerReference);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no constructor without arguments", e);
        }
    }

    /** The collection's @OrderBy ("property [asc|desc], ...") over the element's columns; by the element's id without one. */
    private static String orderBy(PluralAttributeMapping plural, Mapping element, Class<?> elementType) {
        Member member = plural.getPropertyAccess().getGetter().getMember();
        OrderBy declared = member instanceof Field field ? field.getAnnotation(OrderBy.class) : null;
        Map<String, String> columnOf = element.columnOf();
        if (declared == null || declared.value().isBlank()) {
            return element.table() + "." + element.idColumn();
        }
        List<String> terms = new ArrayList<>();
        for (String term : declared.value().split(",")) {
            String[] words = term.trim().split("\\s+");
            if (!columnOf.containsKey(words[0]) || words.length > 2) {
                throw new IllegalStateException("@OrderBy(\"" + declared.value() + "\") names what is not a column of " + elementType.getSimpleName());
            }
            terms.add(columnOf.get(words[0]) + (words.length == 2 ? " " + words[1] : ""));
        }
        return String.join(", ", terms);
    }

    /** How a column's value as the reactive client decodes it becomes the property's, through the attribute's converter if any. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Function<Object, Object> converter(Class<?> entity, String property, JdbcMapping mapping) {
        BasicValueConverter converter = mapping.getValueConverter();
        if (converter == null) {
            return converter(entity, property, mapping.getJavaTypeDescriptor().getJavaTypeClass());
        }
        Function<Object, Object> relational = converter(entity, property, converter.getRelationalJavaType().getJavaTypeClass());
        return value -> converter.toDomainValue(relational.apply(value));
    }

    /** How a value as the reactive client decodes it becomes a value of this Java type. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Function<Object, Object> converter(Class<?> entity, String property, Class<?> javaType) {
        if (javaType == Instant.class) {
            return value -> ((java.time.OffsetDateTime) value).toInstant();
        }
        if (javaType == BigDecimal.class) {
            return value -> ((io.vertx.sqlclient.data.Numeric) value).bigDecimalValue();
        }
        if (javaType.isEnum()) {
            return value -> Enum.valueOf((Class<? extends Enum>) javaType, (String) value);
        }
        if (javaType == Long.class || javaType == long.class) {
            return value -> ((Number) value).longValue();
        }
        if (javaType == Integer.class || javaType == int.class) {
            return value -> ((Number) value).intValue();
        }
        if (javaType == UUID.class || javaType == String.class || javaType == LocalDate.class || javaType == Boolean.class
                || javaType == boolean.class) {
            return Function.identity();
        }
        throw new IllegalStateException(entity.getSimpleName() + "." + property + " is a " + javaType.getSimpleName()
                + ", which reads without a session do not convert");
    }
}
