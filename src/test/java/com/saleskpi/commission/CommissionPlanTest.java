package com.saleskpi.commission;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Api.unique;
import static com.saleskpi.testing.Fixtures.create;
import static com.saleskpi.testing.Fixtures.map;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Api;
import com.saleskpi.testing.Database;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * Commission plans and what they pay, worked out by hand: rep A on a quota with two accelerators, rep B without a quota,
 * both in one team under manager M, this quarter.
 */
@QuarkusTest
class CommissionPlanTest {

    @Inject
    Pool pool;

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate quarterStart = today.withDayOfMonth(1).withMonth((today.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1);
    private final LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);

    private String team, a, b, subjectA, subjectM;

    @BeforeEach
    void world() {
        team = create("/api/v1/teams", Fixtures.teamBody());
        subjectA = unique("cp-a");
        subjectM = unique("cp-m");
        String m = Fixtures.repFor(subjectM, team, "SALES_MANAGER");
        admin().contentType("application/merge-patch+json").body(Map.of("managerId", m)).patch("/api/v1/teams/" + team).then().statusCode(200);
        a = Fixtures.repFor(subjectA, team, "ACCOUNT_EXECUTIVE");
        b = Fixtures.repFor(unique("cp-b"), team, "ACCOUNT_EXECUTIVE");
        create("/api/v1/targets", map("scope", "REP", "repId", a, "metric", "BOOKINGS", "periodStart", quarterStart.toString(),
                "periodEnd", quarterEnd.toString(), "value", 10000));
        deal(a, "CLOSED_WON", 9000);
        deal(a, "NEGOTIATION", 4000);   // forecast category COMMIT, closing this quarter
        deal(a, "PROPOSAL", 5000);      // BEST_CASE: in no commission
        deal(b, "CLOSED_WON", 2000);
    }

    @Test
    void plansPayTheBaseRateAndTheAcceleratorsBeyondTheirShareOfQuota() {
        plan(a, 0.05, 1, 0.10, 1.2, 0.15);
        plan(b, 0.10, 1, 0.20, null, null);
        // A: 9000 won, below the quota of 10000: 5 % x 9000 = 450. With the 4000 committed, 13000: 5 % x 10000 + 10 % x
        // (12000 - 10000) + 15 % x (13000 - 12000) = 500 + 200 + 150
        assertEquals(List.of(450.0f, 850.0f), commissions(Api.asSubject(subjectA, "sales-rep")));
        // B has no quota: the base rate runs on, 10 % x 2000; the team adds both
        assertEquals(List.of(200.0f, 200.0f), commissions(manager().queryParam("repId", b)));
        assertEquals(List.of(650.0f, 1050.0f), commissions(manager().queryParam("teamId", team)));
        // the rep reads their plan, not set it
        Api.asSubject(subjectA, "sales-rep").queryParam("repId", a).get("/api/v1/commission-plans").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].firstAcceleratorRate", equalTo(0.1f));
        Api.asSubject(subjectA, "sales-rep").body(body(a, 0.5, null, null, null, null)).post("/api/v1/commission-plans").then()
                .statusCode(403);
        manager().body(body(b, 0.5, null, null, null, null)).post("/api/v1/commission-plans").then().statusCode(403);
    }

    @Test
    void badPlansAreRefusedNamingTheField() {
        long before = Database.count(pool, "commission_plan");
        for (Object[] bad : new Object[][] {
                { body(a, 1.5, null, null, null, null), "baseRate" },
                { body(a, -0.1, null, null, null, null), "baseRate" },
                { body(a, 0.05, 1, null, null, null), "firstAcceleratorAt" },
                { body(a, 0.05, null, null, 1.5, 0.1), "secondAcceleratorAt" },
                { body(a, 0.05, 1.5, 0.1, 1.2, 0.2), "secondAcceleratorAt" },
                { body(a, 0.05, 0, 0.1, null, null), "firstAcceleratorAt" },
                { map("repId", a, "periodStart", quarterEnd.toString(), "periodEnd", quarterStart.toString(), "baseRate", 0.05), "periodEnd" },
                { map("periodStart", quarterStart.toString(), "periodEnd", quarterEnd.toString(), "baseRate", 0.05), "repId" } }) {
            admin().body(bad[0]).post("/api/v1/commission-plans").then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem(bad[1]));
        }
        assertEquals(before, Database.count(pool, "commission_plan"), "nothing of a refused plan is stored");
        plan(a, 0.05, null, null, null, null);
        admin().body(body(a, 0.06, null, null, null, null)).post("/api/v1/commission-plans").then().statusCode(409)
                .body("errors.field", hasItem("periodStart"));
    }

    private RequestSpecification manager() {
        return Api.asSubject(subjectM, "sales-manager");
    }

    private static List<Float> commissions(RequestSpecification caller) {
        return caller.queryParam("kpi", "commission_earned", "projected_commission").queryParam("preset", "THIS_QUARTER")
                .get("/api/v1/kpis/snapshot").then().statusCode(200).extract().jsonPath().getList("values.value", Float.class);
    }

    private void plan(String rep, double base, Number firstAt, Number firstRate, Number secondAt, Number secondRate) {
        create("/api/v1/commission-plans", body(rep, base, firstAt, firstRate, secondAt, secondRate));
    }

    private Map<String, Object> body(String rep, double base, Number firstAt, Number firstRate, Number secondAt, Number secondRate) {
        Map<String, Object> body = map("repId", rep, "periodStart", quarterStart.toString(), "periodEnd", quarterEnd.toString(),
                "baseRate", base);
        body.put("firstAcceleratorAt", firstAt);
        body.put("firstAcceleratorRate", firstRate);
        body.put("secondAcceleratorAt", secondAt);
        body.put("secondAcceleratorRate", secondRate);
        return body;
    }

    private void deal(String rep, String stage, int amount) {
        Map<String, Object> body = map("name", unique("Commission deal"), "ownerRepId", rep, "type", "NEW_BUSINESS", "stage", stage,
                "amount", amount, "currency", "EUR", "openedOn", quarterStart.toString(), "expectedCloseOn", quarterEnd.toString());
        if (stage.equals("CLOSED_WON")) {
            body.put("closedOn", today.toString());
        }
        create("/api/v1/opportunities", body);
    }
}
