package com.saleskpi.common.crud;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/**
 * The stored records of one entity type, through the reactive session of the current transaction: what a Panache
 * repository per entity would offer the CRUD service, declared once for every entity.
 */
public final class Records<E> {

    private final Class<E> type;

    public Records(Class<E> type) {
        this.type = type;
    }

    /** The session of the current transaction (Panache's, shared with everything else the request writes). */
    public Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    Uni<E> persist(E record) {
        return session().chain(session -> session.persist(record)).replaceWith(record);
    }

    Uni<Void> flush() {
        return session().chain(Mutiny.Session::flush);
    }

    Uni<Void> delete(E record) {
        return session().chain(session -> session.remove(record));
    }

    /** The record whose property has this value, locked as asked, or null. */
    public Uni<E> findBy(String property, Object value, LockModeType lock) {
        if (property.equals("id")) {
            return session().chain(session -> session.find(type, (UUID) value, lock));
        }
        return session().chain(session -> session.createSelectionQuery("from " + type.getSimpleName() + " where " + property + " = ?1", type)
                .setParameter(1, value).setLockMode(lock).getSingleResultOrNull());
    }

    /** The records whose property has one of these values. */
    Uni<List<E>> findAllBy(String property, List<?> values) {
        return session().chain(session -> session.createSelectionQuery("from " + type.getSimpleName() + " where " + property + " in ?1", type)
                .setParameter(1, values).getResultList());
    }

    /**
     * The tables a save writes to, each with the JSON path of its rows in the entity:
     * the entity's own table, and those of the collections saved with it (an order's "lines.").
     */
    static Map<String, String> tablesWrittenBy(Class<?> type) {
        Map<String, String> tables = new HashMap<>(Map.of(type.getAnnotation(Table.class).name(), ""));
        for (Field field : type.getDeclaredFields()) {
            if (field.isAnnotationPresent(OneToMany.class) && field.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isAnnotationPresent(Table.class)) {
                tables.put(element.getAnnotation(Table.class).name(), field.getName() + ".");
            }
        }
        return tables;
    }
}
