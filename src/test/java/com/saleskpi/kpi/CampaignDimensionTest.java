package com.saleskpi.kpi;

import static com.saleskpi.testing.Api.admin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * The campaign dimension end to end, against kpi-fixture.sql, Q1 2026 in UTC. Campaign CP1 (channel C1) brought leads
 * LD1 (01-02), LD2 (01-15) and Lead 5 (03-01); Lead 3, 4 and 6 came from no campaign, Lead 6 in 2025. Its costs: 600 on
 * 01-15 (999 on 2025-12-10 is outside Q1). Deals closed from its leads: D3 (lead LD2), won on 03-01, 300 EUR.
 */
@QuarkusTest
class CampaignDimensionTest {

    private static final Map<String, Object> Q1 = Map.of("from", "2026-01-01", "to", "2026-03-31", "timeZone", "UTC");

    @Inject
    Pool pool;

    private Map<String, String> ids;

    @BeforeEach
    void loadFixture() {
        ids = KpiFixture.load(pool);
    }

    @Test
    void aCampaignFilterRestrictsLeadsCostsAndDealsClosedFromItsLeadsOverGraphQl() {
        JsonPath answer = GraphQL.query("""
                query($filter: KpiFilterInput, $period: KpiPeriodInput!) {
                  kpiSnapshot(kpis: ["new_leads", "cost_per_lead", "sales_and_marketing_cost", "win_rate", "campaign_return"],
                              filter: $filter, period: $period) { values { kpi value } }
                }""", Map.of("filter", Map.of("campaignIds", List.of(ids.get("CP1"))), "period", Q1));
        Map<String, BigDecimal> values = new java.util.HashMap<>();
        List<Map<String, Object>> rows = answer.getList("data.kpiSnapshot.values");
        rows.forEach(row -> values.put((String) row.get("kpi"), new BigDecimal(row.get("value").toString())));
        assertEquals(0, new BigDecimal("3").compareTo(values.get("new_leads")), "LD1, LD2, Lead 5");
        assertEquals(0, new BigDecimal("200").compareTo(values.get("cost_per_lead")), "600 / 3");
        assertEquals(0, new BigDecimal("600").compareTo(values.get("sales_and_marketing_cost")), "the campaign's cost in Q1 only");
        assertEquals(0, BigDecimal.ONE.compareTo(values.get("win_rate")), "D3 won, no deal of its leads lost: 1 / 1");
        assertEquals(0, new BigDecimal("0.5").compareTo(values.get("campaign_return")), "300 / 600");
    }

    @Test
    void leadsBreakDownByCampaignAsCsvWithTheCampaignsName() {
        String name = admin().get("/api/v1/campaigns/" + ids.get("CP1")).then().statusCode(200).extract().path("name");
        String csv = admin().accept("text/csv").queryParam("kpi", "new_leads").queryParam("campaignId", ids.get("CP1"))
                .queryParam("from", "2026-01-01").queryParam("to", "2026-03-31").queryParam("by", "CAMPAIGN")
                .get("/api/v1/kpis/breakdown").then().statusCode(200).extract().asString();
        assertEquals(List.of("kpi,unit,currency,dimension,key,label,value,comparisonValue,change,relativeChange",
                "new_leads,COUNT,,CAMPAIGN,\"" + ids.get("CP1") + "\",\"" + name + "\",3,,,"), csv.lines().toList());
    }

    @Test
    void aCustomKpiKeepsAFixedCampaignFilter() {
        String name = "cp1_cost_per_lead_" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(Map.of("name", name, "title", "CP1 cost per lead", "unit", "CURRENCY", "direction", "LOWER_IS_BETTER",
                "formula", "cost / leads", "filter", Map.of("campaignIds", List.of(ids.get("CP1")))))
                .post("/api/v1/custom-kpis").then().statusCode(201);
        // all of CP1's costs in Q1 (600) over its leads (3), whatever else the request names
        admin().queryParam("kpi", name).queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .get("/api/v1/kpis/snapshot").then().statusCode(200).body("values[0].value", equalTo(200.0f));
    }

    @Test
    void aKpiWhoseFactsHaveNoCampaignRefusesTheFilterNamingIt() {
        admin().queryParam("kpi", "revenue").queryParam("campaignId", ids.get("CP1")).queryParam("from", "2026-01-01")
                .queryParam("to", "2026-03-31").get("/api/v1/kpis/snapshot").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("filter"))
                .body("errors.message", hasItem(org.hamcrest.Matchers.startsWith("revenue cannot be filtered by CAMPAIGN")));
    }

    @Test
    void theCampaignsAreMembersWithTheirChannel() {
        admin().get("/api/v1/kpis/dimensions/CAMPAIGN").then().statusCode(200)
                .body("find { it.key == '" + ids.get("CP1") + "' }.parentKey", equalTo(ids.get("C1")));
    }
}
