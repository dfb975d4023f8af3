package com.saleskpi.security;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import com.saleskpi.common.problem.ProblemException;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.persistence.Table;

/**
 * The access rules of every stored entity, derived from their {@link Owned} declarations, and what the database must
 * know of them: at start-up (after the migrations) each table gets a tombstone trigger that records the rep and team
 * (with the teams above it) of a deleted row by the same rule that decides who may read it, and the foreign keys are read so that a write may
 * only refer to records its caller can read.
 */
@Singleton
public class AccessRules {

    private static final Logger LOG = Logger.getLogger(AccessRules.class);
    /** Serialises the trigger installation of replicas starting at once. */
    private static final long INSTALL_LOCK = 0x5a1e5_0001L;

    private final Map<String, Ownership> byTable = new TreeMap<>();
    /** For each entity, its reference properties (not those placing it) with the entity they refer to. */
    private final Map<Class<?>, Map<String, Ownership>> references = new HashMap<>();
    private final AgroalDataSource dataSource;

    public AccessRules(Mutiny.SessionFactory sessions, AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        sessions.getMetamodel().getEntities().stream().map(type -> type.getJavaType())
                .filter(type -> type.isAnnotationPresent(Owned.class))
                .forEach(type -> byTable.put(type.getAnnotation(Table.class).name(), Ownership.of(type)));
    }

    /** Every owned entity's rule, by table. */
    public Collection<Ownership> all() {
        return byTable.values();
    }

    void onStart(@Observes @Priority(2) StartupEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
                for (Ownership rule : byTable.values()) {
                    statement.execute(tombstoneFunction(rule));
                    statement.execute("create or replace trigger " + rule.table() + "_record_deletion after delete on " + rule.table()
                            + " for each row execute function " + rule.table() + "_tombstone()");
                }
            }
            connection.commit();
            readForeignKeys(connection);
        }
        LOG.debugf("Access rules installed for %s", byTable.keySet());
    }

    /** The trigger function writing a deleted row's tombstone with its rep and team, as the entity's rule defines them. */
    static String tombstoneFunction(Ownership rule) {
        return "create or replace function " + rule.table() + "_tombstone() returns trigger language plpgsql as $$ begin"
                + " insert into deleted_record (entity, record_id, rep_id, team_id, team_line) values (tg_table_name, old.id, "
                + rule.tombstoneRepSql() + ", " + rule.tombstoneTeamSql() + ", " + rule.tombstoneTeamLineSql() + "); return old; end $$";
    }

    private void readForeignKeys(Connection connection) throws SQLException {
        String sql = """
                select c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text
                from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                where c.contype = 'f' and cardinality(c.conkey) = 1""";
        Map<String, Map<String, String>> columnsToTargets = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                columnsToTargets.computeIfAbsent(rows.getString(1), t -> new HashMap<>()).put(rows.getString(2), rows.getString(3));
            }
        }
        for (Ownership rule : byTable.values()) {
            Map<String, Ownership> referenced = new TreeMap<>();
            Set<String> placing = rule.placementProperties();
            for (Field field : rule.entity().getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                String target = columnsToTargets.getOrDefault(rule.table(), Map.of()).get(Ownership.column(rule.entity(), field.getName()));
                if (target != null && byTable.containsKey(target) && !placing.contains(field.getName()) && !byTable.get(target).reference()) {
                    referenced.put(field.getName(), byTable.get(target));
                }
            }
            references.put(rule.entity(), referenced);
        }
    }

    /** The properties of an entity that refer to owned records, with the rule of the entity they refer to. */
    public Map<String, Ownership> references(Class<?> entity) {
        return references.getOrDefault(entity, Map.of());
    }

    /**
     * Refuses (422, as for an id that does not exist) records that refer to an owned record the caller may not read:
     * one query per referenced entity, for all the records of a write or an import batch.
     */
    public Uni<Void> checkReferences(Class<?> entity, List<?> records, CallerScope scope, Mutiny.Session session) {
        if (scope.seesEverything()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(references(entity).entrySet())
                .onItem().transformToUniAndConcatenate(reference -> {
                    Set<UUID> ids = new LinkedHashSet<>();
                    for (Object record : records) {
                        Object id = Ownership.value(record, reference.getKey());
                        if (id != null) {
                            ids.add((UUID) id);
                        }
                    }
                    return ids.isEmpty() ? Uni.createFrom().voidItem() : readable(reference.getValue(), ids, scope, session)
                            .invoke(found -> {
                                if (!found.containsAll(ids)) {
                                    throw ProblemException.invalidField(reference.getKey(), "refers to a record that does not exist");
                                }
                            }).replaceWithVoid();
                }).collect().last().replaceWithVoid();
    }

    private static Uni<Set<UUID>> readable(Ownership target, Set<UUID> ids, CallerScope scope, Mutiny.Session session) {
        Ownership.Condition condition = target.readCondition(scope);
        var query = session.createSelectionQuery("select id from " + target.entity().getSimpleName() + " where id in :ids"
                + (condition == null ? "" : " and " + condition.text()), UUID.class).setParameter("ids", ids);
        if (condition != null) {
            condition.parameters().forEach(query::setParameter);
        }
        return query.getResultList().map(HashSet::new);
    }
}
