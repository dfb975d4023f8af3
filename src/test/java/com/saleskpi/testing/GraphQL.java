package com.saleskpi.testing;

import java.util.Map;

import io.restassured.path.json.JsonPath;

/** Posts GraphQL requests with a real token and returns the parsed answer. */
public final class GraphQL {

    private GraphQL() {
    }

    public static JsonPath query(String query, Map<String, Object> variables) {
        return Api.admin().body(Map.of("query", query, "variables", variables)).post("/graphql")
                .then().statusCode(200).extract().jsonPath();
    }
}
