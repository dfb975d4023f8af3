package com.saleskpi.kpi;

import java.util.List;

/**
 * The KPIs a request names, with the parameter that names them (REST: kpi; GraphQL: kpis, or kpi for a leaderboard),
 * which a refusal of them names.
 */
public record KpiNames(List<String> names, String parameter) {
}
