package com.saleskpi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.saleskpi.common.problem.ProblemException;
import com.saleskpi.security.CallerScope.Role;

/** The scope predicates that every CRUD query of an entity gets, as HQL. */
class RowAccessTest {

    private static final UUID REP = UUID.randomUUID();
    private static final UUID TEAM = UUID.randomUUID();
    private static final RowAccess DEALS = RowAccess.owned("ownerRepId", "teamId", Role.ADMIN, Role.MANAGER, Role.REP);

    @Test
    void repsAreRestrictedToTheirOwnRows() {
        RowAccess.Condition condition = DEALS.readCondition(new CallerScope(Role.REP, REP, TEAM, List.of()));
        assertEquals("ownerRepId = :scopeRep", condition.hql());
        assertEquals(Map.of("scopeRep", REP), condition.parameters());
    }

    @Test
    void managersAreRestrictedToTheirTeamsRowsAndTheirRepsRows() {
        RowAccess.Condition condition = DEALS.readCondition(new CallerScope(Role.MANAGER, REP, TEAM, List.of(TEAM)));
        assertEquals("(teamId in :scopeTeams or ownerRepId in (select r.id from SalesRep r where r.teamId in :scopeTeams))",
                condition.hql());
        assertEquals("1 = 0", DEALS.readCondition(new CallerScope(Role.MANAGER, REP, TEAM, List.of())).hql());
    }

    @Test
    void adminsAnalystsAndReferenceDataAreNotRestricted() {
        assertNull(DEALS.readCondition(new CallerScope(Role.ANALYST, null, null, List.of())));
        assertNull(RowAccess.reference().readCondition(new CallerScope(Role.REP, REP, TEAM, List.of())));
    }

    @Test
    void writersAreListedPerEntity() {
        assertThrows(ProblemException.class, () -> DEALS.checkMayWrite(new CallerScope(Role.ANALYST, null, null, List.of())));
        assertThrows(ProblemException.class, () -> RowAccess.reference().checkMayWrite(new CallerScope(Role.MANAGER, REP, TEAM, List.of())));
        DEALS.checkMayWrite(new CallerScope(Role.REP, REP, TEAM, List.of()));
    }
}
