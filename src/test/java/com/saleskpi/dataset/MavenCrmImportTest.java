package com.saleskpi.dataset;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Fixtures.create;
import static com.saleskpi.testing.Fixtures.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.saleskpi.testing.GraphQL;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The public Maven Analytics CRM data set (../shared/datasets/maven-crm) taken in through the API: reference
 * data through the CRUD endpoints, accounts and 8,800 opportunities through the bulk import, mapped as the
 * README describes; the KPIs then answer over it. Expected figures are counted from the files themselves.
 */
@QuarkusTest
class MavenCrmImportTest {

    private static final Path DATASET = Path.of("../shared/datasets/maven-crm");
    private static final int CHUNK = 2000;

    @Test
    void importsTheDataSetAndAnswersKpisOverIt() throws IOException {
        assumeTrue(Files.isDirectory(DATASET), "the shared data set is beside the repository");
        String run = UUID.randomUUID().toString().substring(0, 6);

        Map<String, String> offices = new HashMap<>();
        Map<String, String> teams = new HashMap<>();
        Map<String, String> reps = new HashMap<>();
        Map<String, String> repTeam = new HashMap<>();
        Map<String, String> repOffice = new HashMap<>();
        for (Map<String, String> agent : read("sales_teams.csv")) {
            String office = offices.computeIfAbsent(agent.get("regional_office"), name -> create("/api/v1/territories",
                    map("level", "REGION", "code", "MVN-" + run + "-" + name, "name", name + " (Maven)")));
            String team = teams.computeIfAbsent(agent.get("manager"), manager -> create("/api/v1/teams",
                    map("name", "Maven " + run + " " + manager)));
            String email = agent.get("sales_agent").toLowerCase().replace(' ', '.') + "." + run + "@maven.example";
            reps.put(agent.get("sales_agent"), create("/api/v1/reps", map("fullName", agent.get("sales_agent"), "email", email,
                    "role", "ACCOUNT_EXECUTIVE", "teamId", team, "territoryId", office, "hireDate", "2016-01-01")));
            repTeam.put(agent.get("sales_agent"), team);
            repOffice.put(agent.get("sales_agent"), office);
        }
        Map<String, String> products = new HashMap<>();
        for (Map<String, String> product : read("products.csv")) {
            products.put(product.get("product"), create("/api/v1/products", map("sku", "MVN-" + run + "-" + product.get("product"),
                    "name", product.get("product"), "category", product.get("series"), "listPrice", new BigDecimal(product.get("sales_price")),
                    "currency", "USD")));
        }

        StringBuilder accounts = new StringBuilder("externalRef,name,segment,industry\n");
        for (Map<String, String> account : read("accounts.csv")) {
            int employees = Integer.parseInt(account.get("employees"));
            accounts.append(csv("MVN-" + run + "-" + account.get("account"), account.get("account"),
                    employees >= 5000 ? "ENTERPRISE" : employees >= 1000 ? "MID_MARKET" : "SMB", account.get("sector")));
        }
        admin().contentType("text/csv").body(accounts.toString()).post("/api/v1/import/accounts").then().statusCode(200);
        Map<String, String> accountIds = new HashMap<>();
        String cursor = null;
        do {
            var request = admin().queryParam("limit", 500).queryParam("name", "");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/accounts").then().extract();
            for (Map<String, Object> account : page.<List<Map<String, Object>>>path("items")) {
                String ref = (String) account.get("externalRef");
                if (ref != null && ref.startsWith("MVN-" + run + "-")) {
                    accountIds.put(ref.substring(("MVN-" + run + "-").length()), (String) account.get("id"));
                }
            }
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(85, accountIds.size());

        List<String> opportunities = new ArrayList<>();
        int won = 0;
        int lost = 0;
        BigDecimal bookings = BigDecimal.ZERO;
        for (Map<String, String> deal : read("sales_pipeline.csv")) {
            String stage = switch (deal.get("deal_stage")) {
                case "Won" -> "CLOSED_WON";
                case "Lost" -> "CLOSED_LOST";
                case "Engaging" -> "QUALIFICATION";
                default -> "PROSPECTING";
            };
            won += stage.equals("CLOSED_WON") ? 1 : 0;
            lost += stage.equals("CLOSED_LOST") ? 1 : 0;
            String value = deal.get("close_value");
            if (stage.equals("CLOSED_WON")) {
                bookings = bookings.add(new BigDecimal(value));
            }
            String agent = deal.get("sales_agent");
            String product = deal.get("product").equals("GTXPro") ? "GTX Pro" : deal.get("product");
            String openedOn = deal.get("engage_date").isEmpty() ? "2017-12-31" : deal.get("engage_date");
            opportunities.add(csv("MVN-" + run + "-" + deal.get("opportunity_id"), deal.get("opportunity_id"),
                    accountIds.getOrDefault(deal.get("account"), ""), reps.get(agent), repTeam.get(agent), repOffice.get(agent),
                    products.get(product), "NEW_BUSINESS", stage, value.isEmpty() ? "0" : value, "USD", openedOn,
                    deal.get("close_date")));
        }
        String header = "externalRef,name,accountId,ownerRepId,teamId,territoryId,productId,type,stage,amount,currency,openedOn,closedOn\n";
        for (int from = 0; from < opportunities.size(); from += CHUNK) {
            String chunk = header + String.join("", opportunities.subList(from, Math.min(from + CHUNK, opportunities.size())));
            admin().contentType("text/csv").body(chunk).post("/api/v1/import/opportunities").then().statusCode(200);
        }
        // sending a file again changes nothing
        String again = header + String.join("", opportunities.subList(0, 500));
        assertEquals(500, (int) admin().contentType("text/csv").body(again).post("/api/v1/import/opportunities").then().statusCode(200)
                .extract().path("unchanged"));

        assertEquals(4238, won);
        assertEquals(2473, lost);
        // the data set is in US dollars and the service reports in euros: one reference rate, 1 EUR = 1.25 USD, from
        // before the first deal, converts every amount (a dollar is 0.80 euro)
        admin().contentType("text/csv").body("externalRef,currency,rateDate,rate\nMVN-" + run + "-USD,USD,2015-12-31,1.25\n")
                .post("/api/v1/import/exchange-rates").then().statusCode(200).body("created", org.hamcrest.Matchers.is(1));
        JsonPath kpis = GraphQL.query("""
                query($teams: [String]) { kpiSnapshot(kpis: ["deals_won", "deals_lost", "bookings", "win_rate", "open_pipeline_count"],
                  filter: { teamIds: $teams }, period: { from: "2016-10-01", to: "2017-12-31" }) { values { kpi value currency } } }""",
                Map.of("teams", new ArrayList<>(teams.values())));
        assertEquals(won, kpis.getInt("data.kpiSnapshot.values[0].value"));
        assertEquals(lost, kpis.getInt("data.kpiSnapshot.values[1].value"));
        assertEquals(0, bookings.multiply(new BigDecimal("0.80")).compareTo(new BigDecimal(kpis.getString("data.kpiSnapshot.values[2].value"))));
        assertEquals("EUR", kpis.getString("data.kpiSnapshot.values[2].currency"));
        // a RATIO, to 4 decimals
        assertEquals(0, BigDecimal.valueOf(won).divide(BigDecimal.valueOf(won + lost), 4, java.math.RoundingMode.HALF_UP)
                .compareTo(new BigDecimal(kpis.getString("data.kpiSnapshot.values[3].value"))));
        assertEquals(1589 + 500, kpis.getInt("data.kpiSnapshot.values[4].value")); // Engaging and Prospecting deals are still open
    }

    private static List<Map<String, String>> read(String file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(Files.readString(DATASET.resolve(file), StandardCharsets.UTF_8))) {
            while (it.hasNext()) {
                rows.add(new LinkedHashMap<>(it.next()));
            }
        }
        return rows;
    }

    private static String csv(String... cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            String value = cell == null ? "" : cell;
            quoted.add(value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
        }
        return String.join(",", quoted) + "\n";
    }
}
