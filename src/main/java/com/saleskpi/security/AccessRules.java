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

import com.saleskpi.common.problem.Problem;
import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.core.Future;
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
    /** The role a restricted caller's transactions take on, bound by the row-level security policies. */
    private final String scopedRole;
    /** Off only to measure what the wall costs (the benchmark); the policies stay installed either way. */
    private final boolean rowSecurityWanted;
    private volatile boolean rowSecurity;

    public AccessRules(Mutiny.SessionFactory sessions, AgroalDataSource dataSource, SecuritySettings settings) {
        this.dataSource = dataSource;
        this.scopedRole = settings.scopedRole();
        this.rowSecurityWanted = settings.rowLevelSecurity();
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
                for (String ddl : AccessRulesDdl.tombstones(byTable.values())) {
                    statement.execute(ddl);
                }
            }
            connection.commit();
            readForeignKeys(connection);
            rowSecurity = installRowSecurity(connection) && rowSecurityWanted;
        }
        LOG.debugf("Access rules installed for %s", byTable.keySet());
    }

    /**
     * The database as a second wall: row-level security policies on every owned table, every rollup and the tombstones,
     * derived from the same rules. They bind the scoped role, which a transaction takes on for a caller who does not
     * see everything ({@link #enterScope}); the service's own role (the tables' owner) is not bound by them, so that
     * migrations, triggers' bookkeeping and start-up work are not either. Without the right to create that role, the
     * service runs without this wall and says so.
     */
    private boolean installRowSecurity(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
            for (String ddl : AccessRulesDdl.rowSecurity(byTable.values(), scopedRole)) {
                statement.execute(ddl);
            }
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            LOG.warnf("Row-level security is off: the role %s and its policies could not be set up (%s)", scopedRole, e.getMessage());
            return false;
        }
    }

    /**
     * Everything the access rules install in the database, as one script a reviewer can read (docs/access-rules.sql,
     * which AccessRulesDdlTest keeps equal to what the code derives): the tombstone triggers, then the role, grants and
     * row-level security policies.
     */
    public String derivedDdl() {
        List<String> script = new java.util.ArrayList<>(AccessRulesDdl.tombstones(byTable.values()));
        script.addAll(AccessRulesDdl.rowSecurity(byTable.values(), scopedRole));
        return String.join(";\n", script) + ";\n";
    }

    /** Whether row-level security binds a caller's transactions: it does for those who do not see everything. */
    public boolean restricts(CallerScope scope) {
        return rowSecurity && !scope.seesEverything();
    }

    private static final String ENTER_SCOPE = "select set_config('role', cast(%s as text), true),"
            + " set_config('saleskpi.role', cast(%s as text), true), set_config('saleskpi.rep', cast(%s as text), true),"
            + " set_config('saleskpi.team', cast(%s as text), true), set_config('saleskpi.teams', cast(%s as text), true),"
            + " set_config('saleskpi.reps', cast(%s as text), true)";
    private static final String ENTER_SCOPE_BY_POSITION = ENTER_SCOPE.formatted("$1", "$2", "$3", "$4", "$5", "$6");

    /** Binds the rest of the session's transaction to the caller's scope (row-level security); nothing when it is not restricted. */
    public Uni<Void> enterScope(Mutiny.Session session, CallerScope scope) {
        if (!restricts(scope)) {
            return Uni.createFrom().voidItem();
        }
        var query = session.createNativeQuery(ENTER_SCOPE.formatted(":role", ":scope", ":rep", ":team", ":teams", ":reps"));
        scopeSettings(scope).forEach(query::setParameter);
        return query.getSingleResult().replaceWithVoid();
    }

    /**
     * One statement on a reactive pool, bound to the caller's scope when row-level security binds them. Then the four
     * statements of its transaction (BEGIN, the scope's settings, the statement, COMMIT) are sent at once, pipelined on
     * one connection, instead of each waiting for the answer to the one before: one round trip to PostgreSQL instead of
     * four. PostgreSQL runs them in order, so the statement never runs outside the scope: a setting that fails aborts
     * the transaction, and the statement fails with it.
     */
    public Uni<io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row>> query(io.vertx.mutiny.sqlclient.Pool pool, CallerScope scope,
            String sql, io.vertx.mutiny.sqlclient.Tuple parameters) {
        if (!restricts(scope)) {
            return com.saleskpi.database.PooledStatements.execute(pool, sql, parameters);
        }
        com.saleskpi.database.TablesRead.note(sql);
        return pool.withConnection(connection -> UniHelper.toUni(scopedTransaction(connection.getDelegate(), scope, sql, parameters.getDelegate()))
                .map(rows -> io.vertx.mutiny.sqlclient.RowSet.newInstance(rows, io.vertx.mutiny.sqlclient.Row.__TYPE_ARG)));
    }

    /**
     * The statement's rows once all four statements are answered (so that the connection goes back to the pool with its
     * transaction closed), or the first failure among them in their order (a failed setting, not the statement that
     * could then not run).
     */
    private Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> scopedTransaction(io.vertx.sqlclient.SqlConnection connection,
            CallerScope scope, String sql, io.vertx.sqlclient.Tuple parameters) {
        Future<?> begin = connection.query("begin").execute();
        Future<?> entered = connection.preparedQuery(ENTER_SCOPE_BY_POSITION)
                .execute(io.vertx.sqlclient.Tuple.from(List.copyOf(scopeSettings(scope).values())));
        Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> rows = connection.preparedQuery(sql).execute(parameters);
        Future<?> commit = connection.query("commit").execute();
        List<Future<?>> inOrder = List.of(begin, entered, rows, commit);
        return Future.join(inOrder).transform(answered -> inOrder.stream().filter(Future::failed).findFirst()
                .<Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>>>map(failed -> Future.failedFuture(failed.cause()))
                .orElse(rows));
    }

    private Map<String, Object> scopeSettings(CallerScope scope) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("role", scopedRole);
        settings.put("scope", scope.role().name());
        Map<String, Object> terms = RuleSql.scopeParameters(scope);
        settings.put("rep", terms.get("me"));
        settings.put("team", terms.get("myTeam"));
        settings.put("teams", terms.get("teams"));
        settings.put("reps", terms.get("reps"));
        return settings;
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
                String target = columnsToTargets.getOrDefault(rule.table(), Map.of()).get(RecordProperties.column(rule.entity(), field.getName()));
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
                        Object id = RecordProperties.value(record, reference.getKey());
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

    /**
     * Refuses (403, naming the placing property) the records that the row-level security policy would refuse, before
     * they are written: one statement for all the records of a write or an import batch, evaluating the policy's own
     * rule (Ownership#ruleSql) over their placing values in the caller's transaction, so that an account they are
     * placed through is read as the policy reads it. The service thus decides what the policy would, and the policy
     * never has to refuse.
     */
    public Uni<Void> checkAdmitted(Ownership rule, List<?> records, CallerScope scope, Mutiny.Session session) {
        String admitted = rule.ruleSql(scope, "r");
        if (admitted == null || records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, String> columns = rule.placingColumns();
        List<String> arrays = new java.util.ArrayList<>();
        Map<String, Object> parameters = new HashMap<>(RuleSql.scopeParameters(scope));
        for (String property : columns.values()) {
            String parameter = "placing" + arrays.size();
            arrays.add(RuleSql.uuidsFromText(":" + parameter));
            parameters.put(parameter, RuleSql.uuidArray(records.stream().map(record -> RecordProperties.value(record, property)).toList()));
        }
        String sql = "select cast(coalesce(min(r.record_number), 0) as integer) from unnest(" + String.join(", ", arrays)
                + ") with ordinality as r(" + String.join(", ", columns.keySet()) + ", record_number) where not coalesce(" + admitted + ", false)";
        return nativeQuery(session, sql, Integer.class, parameters).getSingleResult().invoke(refused -> {
            if (refused > 0) {
                throw outsideScope(rule.placingProperty());
            }
        }).replaceWithVoid();
    }

    /**
     * Which of these records of the rule's entity the caller may read: the policy's own rule over the stored rows
     * (Ownership#ruleSql), in the caller's transaction; all of them for callers who see everything.
     */
    public Uni<Set<UUID>> readable(Ownership rule, Collection<UUID> ids, CallerScope scope, Mutiny.Session session) {
        String visible = rule.ruleSql(scope, "t");
        if (visible == null || ids.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>(ids));
        }
        Map<String, Object> parameters = new HashMap<>(RuleSql.scopeParameters(scope));
        parameters.put("ids", RuleSql.uuidArray(ids));
        String sql = "select cast(t.id as text) from " + rule.table() + " t where t.id = any(" + RuleSql.uuidsFromText(":ids")
                + ") and " + visible;
        return nativeQuery(session, sql, String.class, parameters).getResultList()
                .map(found -> found.stream().map(UUID::fromString).collect(java.util.stream.Collectors.toCollection(HashSet::new)));
    }

    /** A native query with those of the parameters its statement names: Hibernate refuses the others, and a role's rule names only some. */
    private static <T> Mutiny.SelectionQuery<T> nativeQuery(Mutiny.Session session, String sql, Class<T> type, Map<String, Object> parameters) {
        Mutiny.SelectionQuery<T> query = session.createNativeQuery(sql, type);
        parameters.forEach((name, value) -> {
            if (java.util.regex.Pattern.compile(":" + name + "\\b").matcher(sql).find()) {
                query.setParameter(name, value);
            }
        });
        return query;
    }

    /** A write that would place a record with a rep or team outside the caller's scope: 403 naming the property. */
    static ProblemException outsideScope(String property) {
        return new ProblemException(ProblemType.FORBIDDEN, "The record would belong to a rep or team outside your scope",
                List.of(new Problem.FieldError(property, "names a rep or team outside your scope")));
    }
}
