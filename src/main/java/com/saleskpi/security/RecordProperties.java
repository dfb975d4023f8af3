package com.saleskpi.security;

import java.lang.reflect.Field;

import jakarta.persistence.Column;

/** The properties an @Owned declaration names, read and set on a record. */
public final class RecordProperties {

    private RecordProperties() {
    }

    /** The value of a record's property (entity fields are made private by the Panache enhancer, hence the accessible field). */
    public static Object value(Object record, String property) {
        try {
            return field(record.getClass(), property).get(record);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void assign(Object record, String property, Object value) {
        try {
            field(record.getClass(), property).set(record, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field field(Class<?> type, String property) {
        for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
            try {
                Field field = declaring.getDeclaredField(property);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new IllegalStateException("@Owned names " + property + ", which " + type.getSimpleName() + " lacks");
    }

    /** The column a property is stored in: its @Column name, else its own name. */
    public static String column(Class<?> entity, String property) {
        for (Class<?> type = entity; type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(property)) {
                    Column column = field.getAnnotation(Column.class);
                    return column == null || column.name().isEmpty() ? property : column.name();
                }
            }
        }
        throw new IllegalStateException("@Owned names " + property + ", which " + entity.getSimpleName() + " lacks");
    }
}
