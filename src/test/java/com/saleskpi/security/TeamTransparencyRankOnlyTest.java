package com.saleskpi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** TeamTransparencyTest with LEADERBOARD_PEER_VISIBILITY=RANK: a rep sees their peers' values and ranks, not who they are. */
@QuarkusTest
@TestProfile(TeamTransparencyRankOnlyTest.RankOnly.class)
class TeamTransparencyRankOnlyTest extends TeamTransparencyTest {

    @Override
    @Test
    void aRepsLeaderboardRanksTheirTeamByName() {
        JsonPath board = leaderboard(rep());
        assertEquals(Arrays.asList(null, null, a), board.getList("top.key"));
        assertEquals(List.of("Peer", "Peer"), board.getList("top.label").subList(0, 2));
        assertEquals(List.of(3000.0f, 2000.0f, 1000.0f), board.getList("top.value", Float.class));
        // only reps are peers: a rep's leaderboard by team names the team (their own records' team)
        JsonPath byTeam = rep().queryParam("kpi", "bookings").queryParam("preset", "THIS_QUARTER").queryParam("by", "TEAM")
                .get("/api/v1/kpis/leaderboard").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(teamT), byTeam.getList("top.key"));
    }

    public static class RankOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("saleskpi.kpi.leaderboard-peer-visibility", "RANK");
        }
    }
}
