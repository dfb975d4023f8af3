package com.saleskpi.testing;

import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;

/** Posts GraphQL requests with a real token and returns the parsed answer. */
public final class GraphQL {

    private GraphQL() {
    }

    public static JsonPath query(String query, Map<String, Object> variables) {
        return queryAs(Api.admin(), query, variables);
    }

    /** The same, sent by another caller (Api.as, Api.asSubject). */
    public static JsonPath queryAs(io.restassured.specification.RequestSpecification caller, String query, Map<String, Object> variables) {
        String body = caller.body(Map.of("query", query, "variables", variables)).post("/graphql")
                .then().statusCode(200).extract().asString();
        // numbers as BigDecimal: KPI values are exact decimals, which floats would round
        return new JsonPath(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }
}
