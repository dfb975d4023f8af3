package com.saleskpi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.saleskpi.security.CallerScope.Role;

/** The access rule's SQL forms, without a database: what each role's rule reads, and how its terms become parameters. */
class RuleSqlTest {

    private static final RuleSql.ScopeTerms TERMS = new RuleSql.ScopeTerms("role", "me", "my_team", "teams", "reps");

    @Test
    void aRepSeesTheirOwnRowsOrWithoutARepColumnTheirTeams() {
        assertEquals("t.rep_id = me", RuleSql.visibleSql(Role.REP, "t.rep_id", "t.team_id", false, TERMS));
        assertEquals("t.team_id = my_team", RuleSql.visibleSql(Role.REP, null, "t.team_id", false, TERMS));
    }

    @Test
    void aManagerSeesTheirTeamsRowsAndTheirRepsRowsWithoutATeam() {
        assertEquals("(t.team_id = any(teams) or (t.team_id is null and t.rep_id = any(reps)))",
                RuleSql.visibleSql(Role.MANAGER, "t.rep_id", "t.team_id", false, TERMS));
        assertEquals("t.rep_id = any(reps)", RuleSql.visibleSql(Role.MANAGER, "t.rep_id", null, false, TERMS));
        // the rep record itself is placed by its team alone
        assertEquals("t.team_id = any(teams)", RuleSql.visibleSql(Role.MANAGER, "t.id", "t.team_id", true, TERMS));
    }

    @Test
    void theRoleIsChosenByACaseNotAnOr() {
        assertEquals("(case role when 'REP' then t.rep_id = me when 'MANAGER' then t.rep_id = any(reps) else false end)",
                RuleSql.visibleSql("t.rep_id", null, false, TERMS));
    }

    @Test
    void onlyTheTermsARuleNamesBecomeParametersNumberedInTheirOrder() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        UUID me = UUID.randomUUID();
        String numbered = RuleSql.numbered("t.rep_id = {me}::uuid or t.owner = {me}::uuid or t.team_id = any({teams})",
                Map.of("me", me, "teams", "T", "reps", "unused"), 3, parameters);
        assertEquals("t.rep_id = $3::uuid or t.owner = $3::uuid or t.team_id = any($4)", numbered);
        assertEquals(List.of("$3", "$4"), List.copyOf(parameters.keySet()));
        assertEquals(me, parameters.get("$3"));
    }

    @Test
    void uuidsTravelAsTextWithNullsKept() {
        UUID id = UUID.randomUUID();
        assertEquals("{" + id + ",NULL}", RuleSql.uuidArray(Arrays.asList(id, null)));
        assertEquals("cast(nullif(cast(:me as text), '') as uuid)", RuleSql.uuidFromText(":me"));
    }
}
