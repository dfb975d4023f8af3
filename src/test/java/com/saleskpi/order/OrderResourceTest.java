package com.saleskpi.order;

import static com.saleskpi.testing.Api.admin;
import static com.saleskpi.testing.Fixtures.create;
import static com.saleskpi.testing.Fixtures.map;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.saleskpi.testing.Database;
import com.saleskpi.testing.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

@QuarkusTest
class OrderResourceTest {

    @Inject
    Pool pool;

    @Test
    void linesAreNumberedAndPricedNetOfDiscount() {
        String product = create("/api/v1/products", Fixtures.productBody());
        String account = create("/api/v1/accounts", Fixtures.accountBody());
        Map<String, Object> order = map("accountId", account, "status", "PLACED", "orderedOn", "2026-04-01", "currency", "EUR",
                "lines", List.of(
                        map("productId", product, "quantity", 3, "unitPrice", 19.99, "discountPercent", 15),
                        map("productId", product, "quantity", 1, "unitPrice", 250)));
        // 3 x 19.99 = 59.97, less 15% = 50.9745; 1 x 250 with no discount = 250
        String id = admin().body(order).post("/api/v1/orders").then().statusCode(201)
                .body("lines.lineNo", contains(1, 2))
                .body("lines.netAmount", contains(50.9745f, 250.0f))
                .extract().path("id");

        // replacing the lines removes the old ones
        order.put("lines", List.of(map("productId", product, "quantity", 2, "unitPrice", 10)));
        admin().body(order).put("/api/v1/orders/" + id).then().statusCode(200)
                .body("lines", hasSize(1)).body("lines[0].netAmount", equalTo(20.0f)).body("lines[0].lineNo", equalTo(1));
        org.junit.jupiter.api.Assertions.assertEquals(1, Database.countWhere(pool, "order_line", "order_id = $1::uuid", id));

        admin().delete("/api/v1/orders/" + id).then().statusCode(204);
        org.junit.jupiter.api.Assertions.assertEquals(0, Database.countWhere(pool, "order_line", "order_id = $1::uuid", id));
    }

    @Test
    void lineErrorsNameTheLine() {
        String account = create("/api/v1/accounts", Fixtures.accountBody());
        Map<String, Object> order = map("accountId", account, "status", "PLACED", "orderedOn", "2026-04-01", "currency", "EUR",
                "lines", List.of(map("productId", create("/api/v1/products", Fixtures.productBody()), "quantity", 0,
                        "unitPrice", 10, "discountPercent", 120)));
        admin().body(order).post("/api/v1/orders").then().statusCode(422)
                .body("errors.field", contains("lines[0].discountPercent", "lines[0].quantity"));
        order.put("lines", List.of(map("productId", "0190a0c0-0000-7000-8000-000000000000", "quantity", 1, "unitPrice", 1)));
        admin().body(order).post("/api/v1/orders").then().statusCode(422).body("errors.field", hasItem("lines.productId"));
    }

    @Test
    void filterByProductFindsOrdersWithSuchALine() {
        String account = create("/api/v1/accounts", Fixtures.accountBody());
        String wanted = create("/api/v1/products", Fixtures.productBody());
        String other = create("/api/v1/products", Fixtures.productBody());
        String withWanted = create("/api/v1/orders", map("accountId", account, "status", "PLACED", "orderedOn", "2026-04-01",
                "currency", "EUR", "lines", List.of(map("productId", other, "quantity", 1, "unitPrice", 1),
                        map("productId", wanted, "quantity", 1, "unitPrice", 1))));
        create("/api/v1/orders", map("accountId", account, "status", "PLACED", "orderedOn", "2026-04-01",
                "currency", "EUR", "lines", List.of(map("productId", other, "quantity", 1, "unitPrice", 1))));
        admin().queryParam("productId", wanted).get("/api/v1/orders").then().body("items.id", contains(withWanted));
        admin().queryParam("accountId", account).get("/api/v1/orders").then().body("items", hasSize(2));
    }

    @Test
    void theCsvExportHasALinePerOrderLineWithItsOwnColumns() {
        String product = create("/api/v1/products", Fixtures.productBody());
        Map<String, Object> order = Fixtures.orderBody();
        String ref = com.saleskpi.testing.Api.unique("csv-order");
        order.put("externalRef", ref);
        order.put("lines", List.of(map("productId", product, "quantity", 2, "unitPrice", 100, "discountPercent", 10),
                map("productId", product, "quantity", 1, "unitPrice", 50, "discountPercent", 0)));
        create("/api/v1/orders", order);
        List<String> csv = admin().accept("text/csv").queryParam("externalRef", ref).get("/api/v1/orders").then().statusCode(200)
                .extract().asString().lines().toList();
        List<String> header = List.of(csv.get(0).split(","));
        org.junit.jupiter.api.Assertions.assertEquals(3, csv.size(), String.join("\n", csv));
        int quantity = header.indexOf("lines.quantity");
        int reference = header.indexOf("externalRef");
        org.junit.jupiter.api.Assertions.assertTrue(quantity > 0 && !header.contains("lines"), csv.get(0));
        org.junit.jupiter.api.Assertions.assertEquals(List.of("2", "1"), csv.subList(1, 3).stream()
                .map(line -> line.split(",")[quantity]).toList());
        org.junit.jupiter.api.Assertions.assertEquals(List.of(ref, ref), csv.subList(1, 3).stream()
                .map(line -> line.split(",")[reference]).toList());
    }
}
