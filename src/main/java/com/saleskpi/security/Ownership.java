package com.saleskpi.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.common.problem.ProblemType;
import com.saleskpi.security.CallerScope.Role;

import jakarta.persistence.Table;

/**
 * The access rule of one entity, read from its {@link Owned} declaration, in every form a path needs: lists, reads,
 * writes, references, row-level security policies, tombstones and the deletions feed, all of them SQL rendered by one
 * piece of code (visibleSql), and value checks for placement.
 *
 * A record's rep is its rep property, or the owner of its account first where it names one. Its team is its team
 * property, or else its rep's team. A rep sees the records whose rep is them (records without a rep: those of their
 * team); a manager those whose team is one they manage (with sub-teams); admins and analysts everything.
 */
public final class Ownership {

    private static final Map<Class<?>, Ownership> DECLARED = new ConcurrentHashMap<>();

    private final Class<?> entity;
    private final Owned declaration;
    private final Set<Role> writers;

    private Ownership(Class<?> entity) {
        this.entity = entity;
        this.declaration = entity.getAnnotation(Owned.class);
        if (declaration == null) {
            throw new IllegalStateException(entity.getName() + " declares no @Owned access rule");
        }
        this.writers = EnumSet.noneOf(Role.class);
        this.writers.addAll(List.of(declaration.writers()));
    }

    public static Ownership of(Class<?> entity) {
        return DECLARED.computeIfAbsent(entity, Ownership::new);
    }

    /** An SQL condition restricting rows to the caller's scope, with its parameters. */
    public record Condition(String text, Map<String, Object> parameters) {
    }

    /** The declaration itself, for what derives its own view of the rule (the role matrix test). */
    public Owned declaration() {
        return declaration;
    }

    public Class<?> entity() {
        return entity;
    }

    public String table() {
        return entity.getAnnotation(Table.class).name();
    }

    /** Reference data: no owner, read by every role. */
    public boolean reference() {
        return !hasRep() && declaration.team().isEmpty();
    }

    public Set<Role> writers() {
        return Set.copyOf(writers);
    }

    /** Properties that place a record with a rep or team; references through them are checked as placement (403), not as reads (422). */
    public Set<String> placementProperties() {
        return Stream.of(declaration.rep(), declaration.team(), declaration.territory()).filter(property -> !property.isEmpty())
                .collect(Collectors.toSet());
    }

    public void checkMayWrite(CallerScope scope) {
        if (!writers.contains(scope.role())) {
            throw new ProblemException(ProblemType.FORBIDDEN, switch (scope.role()) {
                case ANALYST -> "Analysts read; they do not change data";
                default -> "Your role may not change these records";
            });
        }
    }

    /**
     * The property a rep's or manager's write fills with the caller's own rep when the record names no owner (as CRMs
     * make the creator the owner); empty where records are owned through an account, are the rep itself, or may be
     * placed by a team instead of a rep (a target: its rep or team is what it is about).
     */
    public String ownerProperty() {
        boolean teamFromRep = declaration.team().isEmpty() || declaration.placedWithRep();
        return declaration.account().isEmpty() && !ownsItself() && teamFromRep ? declaration.rep() : "";
    }

    /**
     * Gives a record that names no owner the one the caller's rule needs: a replacing state keeps the owner of the
     * stored record it replaces (null for a new record), a new record gets the caller's own rep (422 naming the
     * property when the caller has no rep record).
     */
    public void fillOwner(Object record, CallerScope scope, Object stored) {
        String owner = ownerProperty();
        if (owner.isEmpty() || scope.seesEverything() || RecordProperties.value(record, owner) != null) {
            return;
        }
        Object storedOwner = stored == null ? null : RecordProperties.value(stored, owner);
        Object filled = storedOwner != null ? storedOwner : scope.repId();
        if (filled == null) {
            throw ProblemException.invalidField(owner, "is required: your token names no sales rep who could own the record");
        }
        RecordProperties.assign(record, owner, filled);
    }

    /** The columns placing a record in a scope (its rep, team and account), in this order, each with its property. */
    public Map<String, String> placingColumns() {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        for (String property : List.of(declaration.rep(), declaration.team(), declaration.account())) {
            if (!property.isEmpty()) {
                columns.put(RecordProperties.column(entity, property), property);
            }
        }
        return columns;
    }

    /**
     * The row-level security policy of the caller's role over a row named row, with the table's columns: a stored row
     * (what the caller may read), or a record not yet written (a write's placing columns, AccessRules#checkAdmitted). It
     * is the very rule the policy checks, rendered by the same code, so that what passes here the policy admits. Named
     * parameters me, myTeam, teams and reps carry the caller's scope as text (scopeParameters); null when nothing is
     * restricted.
     */
    public String ruleSql(CallerScope scope, String row) {
        if (reference() || scope.seesEverything()) {
            return null;
        }
        return visibleSql(scope.role(), sqlOver(row), new RuleSql.ScopeTerms(null, RuleSql.uuidFromText(":me"), RuleSql.uuidFromText(":myTeam"),
                RuleSql.uuidsFromText(":teams"), RuleSql.uuidsFromText(":reps")));
    }

    /** The property a refusal of placement names: the record's rep, else its team. */
    public String placingProperty() {
        return !declaration.rep().isEmpty() ? declaration.rep() : !declaration.team().isEmpty() ? declaration.team() : declaration.account();
    }

    /**
     * Refuses (403) a record whose own rep or team property names a rep or team outside the caller's scope, before
     * anything is written, so that the answer is the same whether or not that rep or team exists.
     */
    public void checkPlacement(Object record, CallerScope scope) {
        if (scope.seesEverything() || ownsItself()) {
            return;
        }
        Object rep = declaration.rep().isEmpty() ? null : RecordProperties.value(record, declaration.rep());
        Object team = declaration.team().isEmpty() || declaration.team().equals("id") ? null : RecordProperties.value(record, declaration.team());
        boolean repOutside = rep != null && (scope.role() == Role.REP ? !rep.equals(scope.repId()) : !scope.managedReps().contains(rep));
        boolean teamOutside = team != null && (scope.role() == Role.REP ? !team.equals(scope.teamId()) : !scope.managedTeams().contains(team));
        if (repOutside || teamOutside) {
            throw AccessRules.outsideScope(repOutside ? declaration.rep() : declaration.team());
        }
    }

    /** The properties filled from the owner rep when empty, each with the rep's property it is filled from. */
    public Map<String, String> placedWithRep() {
        Map<String, String> placed = new java.util.LinkedHashMap<>();
        if (declaration.placedWithRep() && !declaration.team().isEmpty()) {
            placed.put(declaration.team(), "teamId");
        }
        if (declaration.placedWithRep() && !declaration.territory().isEmpty()) {
            placed.put(declaration.territory(), "territoryId");
        }
        return placed;
    }

    /** The property naming the owner rep directly; empty when there is none. */
    public String repProperty() {
        return ownsItself() ? "" : declaration.rep();
    }

    /** A column that the caller's read rule holds to one value, in SQL over the table, with that value. */
    public record Pinned(String column, Object value) {
    }

    /**
     * The column the caller's read rule holds to one value: a rep's own rep column, where the table has one (not where
     * the rep comes from the account, nor the rep record itself); null otherwise. List pages lead their keyset with it.
     */
    public Pinned pinned(CallerScope scope) {
        if (scope.role() != Role.REP || declaration.rep().isEmpty() || !declaration.account().isEmpty() || ownsItself()
                || sharedWithTeamReps()) {
            return null;
        }
        return new Pinned(sqlOver(table()).property(entity, declaration.rep()), scope.repId());
    }

    /** SQL giving the rep of the row being deleted (trigger variable old); "null" when records have none. */
    public String tombstoneRepSql() {
        return hasRep() ? rep(sqlOver("old")) : "null";
    }

    /** SQL giving the team of the row being deleted. */
    public String tombstoneTeamSql() {
        return team(sqlOver("old"));
    }

    /**
     * SQL giving the team of the row being deleted with all the teams above it, so that the managers of any of them are
     * still owed the deletion after the team itself is gone (a deleted team: itself, then its parent's line).
     */
    public String tombstoneTeamLineSql() {
        return declaration.team().equals("id") ? "array[old.id] || team_line(old.parent_id)" : "team_line(" + tombstoneTeamSql() + ")";
    }

    /**
     * The deletions owed to the caller, in SQL over deleted_record d (whose rep_id, team_id and team_line are the deleted
     * record's rep, team and the teams above it): the same rule as readConditionSql. Parameters are numbered from
     * firstParameter.
     */
    public Condition deletionsCondition(CallerScope scope, int firstParameter) {
        if (reference() || scope.seesEverything()) {
            return new Condition("true", Map.of());
        }
        String parameter = "$" + firstParameter;
        if (scope.role() == Role.REP) {
            Map<String, Object> values = Map.of("me", scope.repId(), "myTeam", scope.teamId() == null ? new UUID(0, 0) : scope.teamId());
            // the caller binds the parameters in their numbers' order
            Map<String, Object> parameters = new java.util.LinkedHashMap<>();
            String text = RuleSql.numbered(tombstoneRepRule("d", new RuleSql.ScopeTerms(null, "{me}", "{myTeam}", null, null)), values,
                    firstParameter, parameters);
            return new Condition(text, parameters);
        }
        return new Condition("coalesce(d.team_line, array[d.team_id]) && " + parameter + "::uuid[]",
                Map.of(parameter, scope.managedTeams().toArray(new UUID[0])));
    }

    /**
     * The row-level security policy of the entity's table: the read rule in SQL over the table's own columns, against
     * the caller's scope that {@link AccessRules#enterScope} sets for the transaction; null for reference data.
     */
    public String policySql() {
        return policySqlOver(table());
    }

    /**
     * The same policy over another table with the entity's columns: its history (Owned#history), whose versions are
     * scoped as the records are, by their placement in each version.
     */
    public String policySqlOver(String table) {
        if (reference()) {
            return null;
        }
        return visibleSql(sqlOver(table), RuleSql.SETTINGS);
    }

    /** The table keeping every version of the records, or empty (Owned#history). */
    public String historyTable() {
        return declaration.history();
    }

    /**
     * The read rule in SQL over the table's own columns (for a statement naming the table), with the caller's scope as
     * parameters numbered from firstParameter: what a read without the ORM adds to its statement; null when nothing is
     * restricted.
     */
    public Condition readConditionSql(CallerScope scope, int firstParameter) {
        if (reference() || scope.seesEverything()) {
            return null;
        }
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("me", scope.repId());
        values.put("myTeam", scope.teamId());
        values.put("teams", scope.managedTeams().toArray(new UUID[0]));
        values.put("reps", scope.managedReps().toArray(new UUID[0]));
        // the caller's role picks the branch here, not in the statement: each role's statement is planned for its own
        // rule (a rep's page walks the index of the rep's rows), where one text for both could only be planned for either
        String text = visibleSql(scope.role(), sqlOver(table()), new RuleSql.ScopeTerms(null, "{me}::uuid", "{myTeam}::uuid", "{teams}::uuid[]", "{reps}::uuid[]"));
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        String numbered = RuleSql.numbered(text, values, firstParameter, parameters);
        return new Condition(numbered, parameters);
    }

    private String visibleSql(Vocabulary columns, RuleSql.ScopeTerms scope) {
        return RuleSql.eitherRole(visibleSql(Role.REP, columns, scope), visibleSql(Role.MANAGER, columns, scope), scope);
    }

    private String visibleSql(Role role, Vocabulary columns, RuleSql.ScopeTerms scope) {
        String team = declaration.team().isEmpty() ? null : columns.property(entity, declaration.team());
        return RuleSql.visibleSql(role, hasRep() ? rep(columns) : null, team, ownsItself(), sharedWithTeamReps() ? team : null, scope);
    }

    /** Whether a team's reps also read its records no rep owns (Owned#readByTeamReps): a rep's reads are then not pinned to them. */
    private boolean sharedWithTeamReps() {
        return declaration.readByTeamReps() && hasRep() && !declaration.team().isEmpty();
    }

    /** The same rule over a tombstone (deleted_record's rep_id, team_id and team_line), as deletionsCondition has it. */
    String tombstonePolicySql() {
        return RuleSql.eitherRole(tombstoneRepRule("deleted_record", RuleSql.SETTINGS),
                "coalesce(deleted_record.team_line, array[deleted_record.team_id]) && " + RuleSql.SETTINGS.teams(), RuleSql.SETTINGS);
    }

    /** A rep's rule over a tombstone (alias tombstone): the records' own rule (RuleSql#visibleSql) over its rep_id and team_id. */
    private String tombstoneRepRule(String tombstone, RuleSql.ScopeTerms scope) {
        String team = tombstone + ".team_id";
        return RuleSql.visibleSql(Role.REP, hasRep() ? tombstone + ".rep_id" : null, team, false, sharedWithTeamReps() ? team : null, scope);
    }

    private boolean hasRep() {
        return !declaration.rep().isEmpty() || !declaration.account().isEmpty();
    }

    /** The rep entity itself: its rep is its own id. */
    private boolean ownsItself() {
        return declaration.rep().equals("id");
    }

    private String rep(Vocabulary words) {
        String direct = declaration.rep().isEmpty() ? null : words.property(entity, declaration.rep());
        if (declaration.account().isEmpty()) {
            return direct;
        }
        String owner = words.accountOwner(words.property(entity, declaration.account()));
        return direct == null ? owner : "coalesce(" + owner + ", " + direct + ")";
    }

    private String team(Vocabulary words) {
        String own = declaration.team().isEmpty() ? null : words.property(entity, declaration.team());
        if (!hasRep() || ownsItself()) {
            return own == null ? "null" : own;
        }
        String repsTeam = words.teamOf(rep(words));
        return own == null ? repsTeam : "coalesce(" + own + ", " + repsTeam + ")";
    }

    /** How the rule's expressions are spelled: SQL over the columns of a row (the table's, a trigger's old, a write's r). */
    private interface Vocabulary {
        String property(Class<?> entity, String property);

        String accountOwner(String accountId);

        String teamOf(String repId);

    }

    private static Vocabulary sqlOver(String row) {
        return new Vocabulary() {
            public String property(Class<?> entity, String property) {
                return row + "." + RecordProperties.column(entity, property);
            }

            public String accountOwner(String accountId) {
                return "(select a.owner_rep_id from account a where a.id = " + accountId + ")";
            }

            public String teamOf(String repId) {
                return "(select r.team_id from sales_rep r where r.id = " + repId + ")";
            }
        };
    }

}
