package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Fixtures.create;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * The deal dynamics KPIs against a history written with known instants (Q1 2026, UTC, one team):
 * E1 opened 01-05 in PROSPECTING closing 03-01; QUALIFICATION on 01-15 (10 days in PROSPECTING); close day pushed to
 * 04-01 on 02-01; PROPOSAL on 02-11 (27 days in QUALIFICATION); NEGOTIATION on 03-01 (18 days in PROPOSAL) with the close
 * day pushed to 05-01. E2 opened 01-10 in PROSPECTING closing 02-15; pushed to 03-15 on 01-20; lost on 03-20 (69 days in
 * PROSPECTING). E3 opened 2025-12-01, never changed since.
 */
@QuarkusTest
class DealDynamicsTest {

    @Inject
    Pool pool;

    @Test
    void theDynamicsOfTheFirstQuarterAreWhatTheHistorySays() {
        String team = create("/api/v1/teams", Fixtures.teamBody());
        String rep = Fixtures.repFor(com.saleskpi.testing.Api.unique("dynamics"), team, "ACCOUNT_EXECUTIVE");
        UUID e1 = deal(rep, team, "NEGOTIATION", "2026-01-05", "2026-05-01", null);
        UUID e2 = deal(rep, team, "CLOSED_LOST", "2026-01-10", "2026-03-15", "2026-03-20");
        UUID e3 = deal(rep, team, "PROSPECTING", "2025-12-01", "2026-06-30", null);
        version(e1, rep, team, "2026-01-05T09:00Z", "PROSPECTING", "2026-03-01", null, null, false);
        version(e1, rep, team, "2026-01-15T09:00Z", "QUALIFICATION", "2026-03-01", "PROSPECTING", 10, false);
        version(e1, rep, team, "2026-02-01T09:00Z", "QUALIFICATION", "2026-04-01", null, null, true);
        version(e1, rep, team, "2026-02-11T09:00Z", "PROPOSAL", "2026-04-01", "QUALIFICATION", 27, false);
        version(e1, rep, team, "2026-03-01T09:00Z", "NEGOTIATION", "2026-05-01", "PROPOSAL", 18, true);
        version(e2, rep, team, "2026-01-10T09:00Z", "PROSPECTING", "2026-02-15", null, null, false);
        version(e2, rep, team, "2026-01-20T09:00Z", "PROSPECTING", "2026-03-15", null, null, true);
        version(e2, rep, team, "2026-03-20T09:00Z", "CLOSED_LOST", "2026-03-15", "PROSPECTING", 69, false);
        version(e3, rep, team, "2025-12-01T09:00Z", "PROSPECTING", "2026-06-30", null, null, false);
        // each version ends where the next begins (the last, the triggers' own, is the deal as it is now)
        pool.preparedQuery("update opportunity_version v set valid_to = n.next from (select version_id, lead(valid_from) over"
                + " (partition by id order by valid_from, version_id) as next from opportunity_version where id = any($1)) n"
                + " where n.version_id = v.version_id and n.next is not null").execute(Tuple.of(new UUID[] { e1, e2, e3 }))
                .await().indefinitely();
        // and the deals keep the open stages their histories went through, as the trigger would have added them
        pool.preparedQuery("update opportunity o set open_stages_visited = array(select distinct v.stage from opportunity_version v"
                + " where v.id = o.id and v.stage not like 'CLOSED%') where o.id = any($1)").execute(Tuple.of(new UUID[] { e1, e2, e3 }))
                .await().indefinitely();

        Map<String, Object> values = q1(team, "close_date_slippage", "deals_pushed_share", "stalled_deals", "days_in_prospecting",
                "days_in_qualification", "days_in_proposal", "days_in_negotiation", "stage_advance_rate_prospecting",
                "stage_advance_rate_qualification", "stage_advance_rate_proposal", "stage_advance_rate_negotiation");
        Map<String, Object> expected = new HashMap<>();
        expected.put("close_date_slippage", 1.0f);               // 3 pushes (E1 twice, E2 once) / 3 deals worked (E1, E2, E3)
        expected.put("deals_pushed_share", 0.6667f);             // E1 and E2 of the 3
        expected.put("stalled_deals", 2);                        // open on 03-31 and unchanged since 03-02: E1 (03-01), E3
        expected.put("days_in_prospecting", 39.5f);              // (10 + 69) / 2
        expected.put("days_in_qualification", 27.0f);
        expected.put("days_in_proposal", 18.0f);
        expected.put("days_in_negotiation", null);               // no deal left NEGOTIATION
        expected.put("stage_advance_rate_prospecting", 0.5f);    // E1 on to QUALIFICATION, E2 lost
        expected.put("stage_advance_rate_qualification", 1.0f);
        expected.put("stage_advance_rate_proposal", 1.0f);
        expected.put("stage_advance_rate_negotiation", null);
        assertEquals(expected, values);
    }

    private Map<String, Object> q1(String team, String... kpis) {
        JsonPath answer = admin().queryParam("kpi", (Object[]) kpis).queryParam("teamId", team).queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-31").get("/api/v1/kpis/snapshot").then().statusCode(200).extract().jsonPath();
        Map<String, Object> values = new HashMap<>();
        for (Map<String, Object> value : answer.<Map<String, Object>>getList("values")) {
            values.put((String) value.get("kpi"), value.get("value"));
        }
        return values;
    }

    private UUID deal(String rep, String team, String stage, String openedOn, String closeOn, String closedOn) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("insert into opportunity (id, name, owner_rep_id, team_id, type, stage, amount, currency, opened_on,"
                + " expected_close_on, closed_on, loss_reason, created_at, updated_at) values ($1, 'Dynamics', $2::uuid, $3::uuid,"
                + " 'NEW_BUSINESS', $4, 100, 'EUR', $5::date, $6::date, $7::date, case when $4 = 'CLOSED_LOST' then 'Price' end, now(), now())")
                .execute(Tuple.from(Arrays.asList(id, UUID.fromString(rep), UUID.fromString(team), stage, LocalDate.parse(openedOn),
                        LocalDate.parse(closeOn), closedOn == null ? null : LocalDate.parse(closedOn)))).await().indefinitely();
        return id;
    }

    private void version(UUID deal, String rep, String team, String at, String stage, String closeOn, String previousStage,
            Integer previousStageDays, boolean pushed) {
        pool.preparedQuery("insert into opportunity_version (id, valid_from, owner_rep_id, team_id, type, stage, amount, currency,"
                + " opened_on, expected_close_on, stage_entered_at, previous_stage, previous_stage_days, close_pushed)"
                + " select $1, $2::timestamptz, $3::uuid, $4::uuid, 'NEW_BUSINESS', $5, 100, 'EUR', o.opened_on, $6::date, $2::timestamptz,"
                + " $7, $8, $9 from opportunity o where o.id = $1")
                .execute(Tuple.from(Arrays.asList(deal, OffsetDateTime.parse(at), UUID.fromString(rep), UUID.fromString(team), stage,
                        LocalDate.parse(closeOn), previousStage, previousStageDays == null ? null : new BigDecimal(previousStageDays), pushed)))
                .await().indefinitely();
    }
}
