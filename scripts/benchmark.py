#!/usr/bin/env python3
"""Benchmark of the packaged service against PostgreSQL itself, per data scale (issue 6).

For each scale (opportunities) it prints, side by side:
  - the headline dashboard GraphQL request (one team, last quarter with previous-quarter comparison, a monthly
    series over four quarters, a breakdown by territory) in UTC, Europe/Berlin, America/Los_Angeles and
    Asia/Kolkata: median and p95 over warm runs, next to the same aggregations written by hand in SQL and run
    through psql on the base tables, and their ratio; the numbers of both must be equal, or the run fails;
  - GET-by-id and list-page throughput over HTTP with a real Keycloak token (wrk), next to pgbench's
    select-by-key rate on the same machine;
  - bulk import rows per second (POST /api/v1/import/opportunities) next to psql's COPY of the same rows;
  - the service's peak resident memory (VmHWM) over the whole run;
  - what row-level security costs: a manager's dashboard and a rep's GET-by-id with the wall and without it;
  - on a real read replica (a primary and a hot standby of its own, --replica-scale opportunities): the manager's
    dashboard computed on the standby next to the primary (same numbers), and what a consistency token costs: a KPI
    request right after a write, with the write's X-Consistency-Token and without.

Needs: a built service (./mvnw package -DskipTests), PostgreSQL on 127.0.0.1:5432, psql, pgbench and wrk
(apt-get install wrk), and Keycloak (started with scripts/keycloak-dev.sh when not running).
Databases saleskpi_bench_<scale> are generated once by the service's own generator and reused afterwards.
Run on demand, never as a test:  python3 scripts/benchmark.py --scales 100000,1000000,5000000
"""
import argparse
import csv
import datetime as dt
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from decimal import ROUND_HALF_UP, Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG = {"host": "127.0.0.1", "port": "5432", "user": os.environ.get("DB_USER", "postgres")}
KEYCLOAK = "http://localhost:8180"
REALM = KEYCLOAK + "/realms/sales"
PORT = 8090
TEAM_NAME = "EMEA Enterprise"
HEADLINE = ["revenue", "revenue_target", "target_attainment_revenue", "win_rate", "average_deal_size",
            "sales_cycle_days_avg", "open_pipeline_value", "new_leads", "activities", "nps"]


def log(message):
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def psql(database, sql, *extra):
    return subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", PG["host"], "-p", PG["port"],
                           "-U", PG["user"], "-d", database, *extra, "-c", sql],
                          check=True, capture_output=True, text=True).stdout


def quarter_bounds(today):
    start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    def back(d, months):
        m = d.month - 1 - months
        return dt.date(d.year + m // 12, m % 12 + 1, 1)
    last_start = back(start, 3)
    previous_start = back(start, 6)
    return (last_start, start - dt.timedelta(days=1)), (previous_start, last_start - dt.timedelta(days=1)), back(start, 12)


# ---------------------------------------------------------------------------------------------------------------------
# Services

def keycloak_up():
    try:
        urllib.request.urlopen(REALM + "/.well-known/openid-configuration", timeout=2).read()
        return True
    except OSError:
        return False


def ensure_keycloak():
    if keycloak_up():
        return None
    log("starting Keycloak (scripts/keycloak-dev.sh)")
    process = subprocess.Popen([os.path.join(ROOT, "scripts", "keycloak-dev.sh")], stdout=open("/tmp/benchmark-keycloak.log", "w"),
                               stderr=subprocess.STDOUT, start_new_session=True)
    wait_for(keycloak_up, 240, "Keycloak")
    return process


def token(admin=False, user=None):
    """A BI tool's token (client credentials, role analyst), the demo admin's (password grant) for writes, or a demo user's
    (user = (name, password)): demo-rep-1 manages EMEA Enterprise, demo-rep-2 is a rep."""
    if admin:
        user = ("admin", "admin")
    grant = ({"grant_type": "password", "client_id": "sales-frontend", "username": user[0], "password": user[1]} if user
             else {"grant_type": "client_credentials", "client_id": "sales-bi", "client_secret": "sales-bi-dev-secret"})
    body = urllib.parse.urlencode(grant).encode()
    with urllib.request.urlopen(REALM + "/protocol/openid-connect/token", body, timeout=10) as response:
        return json.load(response)["access_token"]


def wait_for(check, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if check():
            return
        time.sleep(1)
    raise SystemExit(f"{what} did not come up within {seconds} s")


def database_exists(name):
    return psql("postgres", f"select 1 from pg_database where datname = '{name}'").strip() == "1"


def start_service(database, scale, generate, row_security=True, jar=None, server="127.0.0.1:5432", port=PORT, **settings):
    """The packaged service on a data set. The dashboards and history measure what PostgreSQL is asked: the KPI cache is off
    unless settings turn it on (KPI_CACHE_ENABLED="true": the live phase)."""
    settings.setdefault("KPI_CACHE_ENABLED", "false")
    env = dict(os.environ, DB_URL=f"postgresql://{server}/{database}", DB_JDBC_URL=f"jdbc:postgresql://{server}/{database}",
               DB_CREATE_IF_MISSING="true", DEMO_DATA="true" if generate else "false", DEMO_OPPORTUNITIES=str(scale),
               OIDC_AUTH_SERVER_URL=REALM, QUARKUS_HTTP_PORT=str(port), LOG_JSON="false", OIDC_REP_CLAIM="preferred_username",
               DB_ROW_LEVEL_SECURITY=str(row_security).lower(), **settings)
    jar = jar or os.path.join(ROOT, "target", "quarkus-app", "quarkus-run.jar")
    log_file = f"/tmp/benchmark-service-{scale}-{port}.log"
    process = subprocess.Popen(["java", "-Xmx256m", "-jar", jar], env=env, stdout=open(log_file, "w"), stderr=subprocess.STDOUT)
    def ready():
        if process.poll() is not None:
            raise SystemExit(f"the service stopped; see {log_file}")
        try:
            return urllib.request.urlopen(f"http://localhost:{port}/q/health/ready", timeout=2).status == 200
        except OSError:
            return False
    wait_for(ready, 4 * 3600, "the service")
    return process


def peak_rss_mb(process):
    with open(f"/proc/{process.pid}/status") as status:
        return int(re.search(r"VmHWM:\s+(\d+) kB", status.read()).group(1)) / 1024


# ---------------------------------------------------------------------------------------------------------------------
# Dashboard: the API request and the same numbers by hand

DASHBOARD = """
query($team: [String], $from: Date, $to: Date, $seriesFrom: Date, $zone: String) {
  kpiSnapshot(kpis: %s, filter: { teamIds: $team }, period: { from: $from, to: $to, timeZone: $zone }, compareTo: PREVIOUS_PERIOD) {
    values { kpi value comparisonValue }
  }
  kpiSeries(kpis: ["revenue", "win_rate"], filter: { teamIds: $team }, period: { from: $seriesFrom, to: $to, timeZone: $zone }, granularity: MONTH) {
    kpi points { bucketStart value }
  }
  kpiBreakdown(kpis: ["revenue", "win_rate"], by: TERRITORY, filter: { teamIds: $team }, period: { from: $from, to: $to, timeZone: $zone }) {
    kpi rows { key value }
  }
}""" % json.dumps(HEADLINE)

def in_euros(amount, currency, day):
    """An amount written by hand in the reporting currency: divided by the latest rate per euro on or before the day."""
    return (f"case when {currency} = 'EUR' then {amount} else {amount} / (select x.rate from exchange_rate x"
            f" where x.currency = {currency} and x.rate_date <= {day} order by x.rate_date desc limit 1) end")


HAND_SNAPSHOT = """
select p.k,
  (select coalesce(sum({line_in_euros}), 0) from sales_order o join order_line l on l.order_id = o.id join sales_rep r on r.id = o.rep_id
    where o.status <> 'CANCELLED' and r.team_id = '{team}' and o.ordered_on between p.s and p.e) as revenue,
  (select coalesce(sum(t.value), 0) from target t
    where t.scope = 'TEAM' and t.metric = 'REVENUE' and t.team_id = '{team}' and t.period_start >= p.s and t.period_end <= p.e) as revenue_target,
  d.won, d.lost, d.bookings, d.cycle,
  (select coalesce(sum({open_deal_in_euros}), 0) from opportunity o
    where o.team_id = '{team}' and o.opened_on <= p.e and (o.closed_on is null or o.closed_on > p.e)) as open_pipeline_value,
  (select count(*) from lead ld join sales_rep r on r.id = ld.owner_rep_id
    where r.team_id = '{team}' and ld.received_at >= p.s::timestamp at time zone '{zone}' and ld.received_at < (p.e + 1)::timestamp at time zone '{zone}') as new_leads,
  (select count(*) from activity x join sales_rep r on r.id = x.rep_id
    where r.team_id = '{team}' and x.occurred_at >= p.s::timestamp at time zone '{zone}' and x.occurred_at < (p.e + 1)::timestamp at time zone '{zone}') as activities,
  n.promoters, n.detractors, n.answers
from (values ('current', date '{from_}', date '{to}'), ('previous', date '{prev_from}', date '{prev_to}')) as p(k, s, e)
cross join lateral (
  select count(*) filter (where o.stage = 'CLOSED_WON') as won, count(*) filter (where o.stage <> 'CLOSED_WON') as lost,
         coalesce(sum({won_deal_in_euros}) filter (where o.stage = 'CLOSED_WON'), 0) as bookings,
         avg(o.closed_on - o.opened_on) filter (where o.stage = 'CLOSED_WON') as cycle
  from opportunity o where o.team_id = '{team}' and o.closed_on between p.s and p.e) d
cross join lateral (
  select count(*) filter (where s.score >= 9) as promoters, count(*) filter (where s.score <= 6) as detractors, count(*) as answers
  from survey_response s left join account a on a.id = s.account_id
  left join sales_rep owner on owner.id = a.owner_rep_id left join sales_rep respondent on respondent.id = s.rep_id
  where s.survey = 'NPS' and coalesce(owner.team_id, respondent.team_id) = '{team}'
    and s.responded_at >= p.s::timestamp at time zone '{zone}' and s.responded_at < (p.e + 1)::timestamp at time zone '{zone}') n
order by p.k;
"""

HAND_SERIES = """
select 'revenue', date_trunc('month', o.ordered_on)::date, sum({line_in_euros})
from sales_order o join order_line l on l.order_id = o.id join sales_rep r on r.id = o.rep_id
where o.status <> 'CANCELLED' and r.team_id = '{team}' and o.ordered_on between '{series_from}' and '{to}' group by 2
union all
select 'win_rate', date_trunc('month', o.closed_on)::date, count(*) filter (where o.stage = 'CLOSED_WON')::numeric / count(*)
from opportunity o where o.team_id = '{team}' and o.closed_on between '{series_from}' and '{to}' group by 2
order by 1, 2;
"""

HAND_BREAKDOWN = """
select 'revenue', o.territory_id, sum({line_in_euros})
from sales_order o join order_line l on l.order_id = o.id join sales_rep r on r.id = o.rep_id
where o.status <> 'CANCELLED' and r.team_id = '{team}' and o.ordered_on between '{from_}' and '{to}' group by 2
union all
select 'win_rate', o.territory_id, count(*) filter (where o.stage = 'CLOSED_WON')::numeric / count(*)
from opportunity o where o.team_id = '{team}' and o.closed_on between '{from_}' and '{to}' group by 2
order by 1, 2;
"""


def ratio(a, b):
    return None if b == 0 else a / b


def hand_numbers(snapshot_rows, series_rows, breakdown_rows):
    """The dashboard's numbers from the hand-written SQL, in the API's shape."""
    values = {}
    for line in snapshot_rows:
        k, revenue, target, won, lost, bookings, cycle, pipeline, leads, activities, promoters, detractors, answers = line.split("|")
        revenue, target, won, lost, bookings = Decimal(revenue), Decimal(target), int(won), int(lost), Decimal(bookings)
        promoters, detractors, answers = int(promoters), int(detractors), int(answers)
        values[k] = {
            "revenue": revenue, "revenue_target": target, "target_attainment_revenue": ratio(revenue, target),
            "win_rate": ratio(Decimal(won), Decimal(won + lost)), "average_deal_size": ratio(bookings, Decimal(won)),
            "sales_cycle_days_avg": Decimal(cycle) if cycle else None, "open_pipeline_value": Decimal(pipeline),
            "new_leads": Decimal(leads), "activities": Decimal(activities),
            "nps": None if answers == 0 else Decimal(promoters - detractors) / Decimal(answers) * 100}
    series = {(kpi, month): Decimal(v) for kpi, month, v in (line.split("|") for line in series_rows)}
    breakdown = {(kpi, key): Decimal(v) for kpi, key, v in (line.split("|") for line in breakdown_rows)}
    return values, series, breakdown


def same(api, hand):
    """The API answers values rounded half up to their unit's decimals (docs/kpis.md): the exact hand value, rounded to
    the decimals the API's value has, must equal it."""
    if api is None or hand is None:
        return api is None and hand is None
    api = Decimal(str(api))
    places = Decimal(1).scaleb(api.as_tuple().exponent)
    return api == Decimal(str(hand)).quantize(places, rounding=ROUND_HALF_UP)


def check_equal(api, hand):
    values, series, breakdown = hand
    mismatches = []
    for v in api["kpiSnapshot"]["values"]:
        for period, field in (("current", "value"), ("previous", "comparisonValue")):
            if not same(v[field], values[period][v["kpi"]]):
                mismatches.append(f"{v['kpi']} {period}: API {v[field]} vs SQL {values[period][v['kpi']]}")
    for s in api["kpiSeries"]:
        for p in s["points"]:
            expected = series.get((s["kpi"], p["bucketStart"]), Decimal(0) if s["kpi"] == "revenue" else None)
            if not same(p["value"], expected):
                mismatches.append(f"series {s['kpi']} {p['bucketStart']}: API {p['value']} vs SQL {expected}")
    for b in api["kpiBreakdown"]:
        api_rows = {r["key"]: r["value"] for r in b["rows"]}
        hand_rows = {key: v for (kpi, key), v in breakdown.items() if kpi == b["kpi"]}
        for key in set(api_rows) | set(hand_rows):
            if not same(api_rows.get(key), hand_rows.get(key)):
                mismatches.append(f"breakdown {b['kpi']} {key}: API {api_rows.get(key)} vs SQL {hand_rows.get(key)}")
    if mismatches:
        raise SystemExit("API and hand-written SQL disagree:\n  " + "\n  ".join(mismatches))


def percentile(samples, q):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# The dashboard's time zones: days of instants (leads, activities, answers) differ in each, and offsets of a whole hour,
# of an hour less or more than UTC's in summer, and of half an hour are all read from the same rollups.
ZONES = ["UTC", "Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata"]


# Requests sent before the dashboard is timed. The JIT compiles the GraphQL and KPI path over the first thousands: at
# 100k, Kolkata's median was 42, 35, 31, 30, 23 and 19 ms after 140, 380, 720, 1,160, 1,700 and 2,240 dashboards,
# while the service's CPU per dashboard fell from 54 to 9 ms and the compilations per 40 dashboards from 466 to 15; on
# 2 cores the compiler threads take the CPU the statements need. A service in use has long been warm, so the service
# answers dashboards in every zone, in blocks of JIT_BLOCK, until a block has the compiler compile fewer than
# JIT_SETTLED methods (JIT_MOST at most); each zone is then timed after ZONE_WARM_UP more of its own requests.
JIT_BLOCK = 100
JIT_SETTLED = 50
JIT_MOST = 6000
ZONE_WARM_UP = 50


def team_id(database):
    return psql(database, f"select id from team where name = '{TEAM_NAME}'").strip()


def dashboard_body(database, zone):
    """The GraphQL request of the headline dashboard of TEAM_NAME in a time zone, for today's quarters."""
    (q_from, q_to), _, series_from = quarter_bounds(dt.date.today())
    team = team_id(database)
    variables = {"team": [team], "from": str(q_from), "to": str(q_to), "seriesFrom": str(series_from), "zone": zone}
    return json.dumps({"query": DASHBOARD, "variables": variables})


def dashboard_api(database, bearer, runs, zone="UTC", warm_up=ZONE_WARM_UP, port=PORT):
    """The headline dashboard of TEAM_NAME over GraphQL in a time zone: the latency of each warm run, and the last answer."""
    body = dashboard_body(database, zone)
    connection = http.client.HTTPConnection("localhost", port)
    headers = {"Authorization": "Bearer " + bearer, "Content-Type": "application/json"}

    def call():
        start = time.perf_counter()
        connection.request("POST", "/graphql", body, headers)
        answer = json.loads(connection.getresponse().read(), parse_float=Decimal)
        elapsed = (time.perf_counter() - start) * 1000
        if answer.get("errors"):
            raise SystemExit(f"GraphQL errors: {answer['errors']}")
        return elapsed, answer["data"]

    for _ in range(warm_up):
        call()
    api_ms, data = [], None
    for _ in range(runs):
        elapsed, data = call()
        api_ms.append(elapsed)
    return api_ms, data


def compilations(process):
    """How many methods the service's JIT has compiled so far (HotSpot's counter sun.ci.totalCompiles, read by jcmd)."""
    counters = subprocess.run(["jcmd", str(process.pid), "PerfCounter.print"], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^sun\.ci\.totalCompiles=(\d+)", counters, re.M).group(1))


def settle_jit(process, database, bearer):
    """Dashboards in every zone until the JIT has compiled their path (see JIT_SETTLED); how many were sent."""
    sent = 0
    while sent < JIT_MOST:
        before = compilations(process)
        for zone in ZONES:
            dashboard_api(database, bearer, 0, zone, JIT_BLOCK // len(ZONES))
        sent += JIT_BLOCK // len(ZONES) * len(ZONES)
        if compilations(process) - before < JIT_SETTLED:
            break
    return sent


def bench_dashboard(database, bearer, runs, zone):
    api_ms, data = dashboard_api(database, bearer, runs, zone)
    team = team_id(database)
    (q_from, q_to), (p_from, p_to), series_from = quarter_bounds(dt.date.today())
    params = dict(zone=zone, team=team, from_=q_from, to=q_to, prev_from=p_from, prev_to=p_to, series_from=series_from,
                  line_in_euros=in_euros("l.net_amount", "o.currency", "o.ordered_on"),
                  won_deal_in_euros=in_euros("o.amount", "o.currency", "o.closed_on"),
                  open_deal_in_euros=in_euros("o.amount", "o.currency", "p.e"))
    statements = [HAND_SNAPSHOT.format(**params), HAND_SERIES.format(**params), HAND_BREAKDOWN.format(**params)]
    per_run, blocks = hand_runs(database, statements, runs)
    check_equal(data, hand_numbers(*blocks))
    return api_ms, per_run


# ---------------------------------------------------------------------------------------------------------------------
# Pipeline history: TEAM_NAME's pipeline closing this quarter as of the first of the month, as of each of the last 13
# weeks' ends, and its waterfall since the quarter began, next to the same written by hand over opportunity_version

AT = "o.valid_from <= {at} and (o.valid_to is null or o.valid_to > {at}) and not o.deleted"
OPEN_IN_WINDOW = ("o.team_id = '{team}' and o.stage not in ('CLOSED_WON', 'CLOSED_LOST')"
                  " and o.expected_close_on between '{closing_from}' and '{closing_to}'")

HAND_AS_OF = """
select count(*), round(coalesce(sum({amount}), 0), 2) from opportunity_version o
where """ + AT.format(at="'{at}'") + """ and o.team_id = '{team}' and o.expected_close_on between '{closing_from}' and '{closing_to}'
  and o.opened_on <= '{day}' and (o.closed_on is null or o.closed_on > '{day}');
"""

HAND_TREND = """
select b.e, count(o.id), round(coalesce(sum({amount}), 0), 2)
from (values {buckets}) b(e)
left join opportunity_version o on """ + AT.format(at="(b.e + 1)::timestamp at time zone 'UTC'") + """ and o.team_id = '{team}'
  and o.expected_close_on between '{closing_from}' and '{closing_to}' and o.opened_on <= b.e and (o.closed_on is null or o.closed_on > b.e)
group by b.e order by b.e;
"""

HAND_WATERFALL = """
with s as (select o.id, round({amount}, 2) a from opportunity_version o where """ + AT.format(at="'{start}'") + " and " + OPEN_IN_WINDOW + """),
     e as (select o.id, round({amount}, 2) a from opportunity_version o where """ + AT.format(at="'{end}'") + " and " + OPEN_IN_WINDOW + """),
     d as (select coalesce(s.id, e.id) id, s.id is not null si, e.id is not null ei, s.a sa, e.a ea from s full join e on e.id = s.id)
select 'START', count(*), coalesce(sum(sa), 0) from d where si
union all select 'END', count(*), coalesce(sum(ea), 0) from d where ei
union all select k, sum(n), sum(x) from (
  select case when si and ei then case when ea > sa then 'INCREASED' when ea < sa then 'DECREASED' end
              when si then case when v.id is null then 'DELETED' when v.stage = 'CLOSED_WON' then 'WON' when v.stage = 'CLOSED_LOST' then 'LOST'
                                when v.expected_close_on is null or v.expected_close_on not between '{closing_from}' and '{closing_to}'
                                then 'PUSHED_OUT' else 'MOVED_OUT' end
              else case when w.id is null then 'NEW' when w.stage in ('CLOSED_WON', 'CLOSED_LOST') then 'REOPENED'
                        when w.expected_close_on is null or w.expected_close_on not between '{closing_from}' and '{closing_to}'
                        then 'PULLED_IN' else 'MOVED_IN' end end k,
         case when si and ei then 0 when si then -1 else 1 end n,
         case when si and ei then ea - sa when si then -sa else ea end x
  from d
  left join opportunity_version v on not d.ei and v.id = d.id and """ + AT.format(at="'{end}'").replace("o.", "v.") + """
  left join opportunity_version w on not d.si and w.id = d.id and """ + AT.format(at="'{start}'").replace("o.", "w.") + """) m
where k is not null group by k order by 1;
"""


def rest_get(bearer, path, params):
    """One timed GET of the API, and its JSON (numbers as decimals)."""
    connection = http.client.HTTPConnection("localhost", PORT)
    start = time.perf_counter()
    connection.request("GET", path + "?" + urllib.parse.urlencode(params, doseq=True), headers={"Authorization": "Bearer " + bearer})
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    connection.close()
    if response.status != 200:
        raise SystemExit(f"GET {path}: HTTP {response.status} {body[:300]!r}")
    return elapsed, json.loads(body, parse_float=Decimal)


def hand_runs(database, statements, runs):
    """Statements run runs + 3 times in a row through psql (\\timing): the time of each warm run (ms, the statements summed;
    the first three runs warm up) and the last run's output lines, statement by statement (columns separated by |)."""
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write("\\timing on\n" + "".join(statements) * (runs + 3))
    output = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"],
                             "-d", database, "-f", script.name], check=True, capture_output=True, text=True).stdout.splitlines()
    os.unlink(script.name)
    times = [float(m.group(1)) for m in (re.match(r"Time: ([\d.]+) ms", line) for line in output) if m]
    n = len(statements)
    per_run = [sum(times[i:i + n]) for i in range(3 * n, len(times), n)]
    # the results of each statement are the lines before its Time line
    blocks, current = [], []
    for line in output:
        if line.startswith("Time: "):
            blocks.append(current)
            current = []
        elif line:
            current.append(line)
    return per_run, blocks[-n:]


def hand_timed(database, statement, runs):
    """One statement through hand_runs: the median of its warm runs (ms) and the last run's rows, split into columns."""
    per_run, (rows,) = hand_runs(database, [statement], runs)
    return statistics.median(per_run), [row.split("|") for row in rows]


def bench_history(database, bearer, runs):
    """The three history requests: (API median ms, hand SQL median ms) each, after checking that they answer the same."""
    team = team_id(database)
    today = dt.date.today()
    closing_from = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    closing_to = (dt.date(closing_from.year + (closing_from.month + 2) // 12, (closing_from.month + 2) % 12 + 1, 1)
                  - dt.timedelta(days=1))
    month_start = today.replace(day=1)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    window = dict(team=team, closing_from=closing_from, closing_to=closing_to)
    timings = {}

    def api(path, params):
        for _ in range(3):
            rest_get(bearer, path, params)
        samples = [rest_get(bearer, path, params) for _ in range(runs)]
        return statistics.median(s[0] for s in samples), samples[-1][1]

    as_of = dict(kpi=["open_pipeline_count", "open_pipeline_value"], teamId=team, closingFrom=closing_from, closingTo=closing_to,
                 **{"from": month_start, "to": month_start, "asOf": f"{month_start}T00:00:00Z"})
    api_ms, answer = api("/api/v1/kpis/snapshot", as_of)
    hand_ms, rows = hand_timed(database, HAND_AS_OF.format(at=f"{month_start}T00:00:00Z", day=month_start,
                                                           amount=in_euros("o.amount", "o.currency", f"'{month_start}'::date"), **window), runs)
    if [str(v["value"]) for v in answer["values"]] != rows[0]:
        raise SystemExit(f"the pipeline as of {month_start}: API {answer['values']}, hand SQL {rows[0]}")
    timings["as_of"] = (api_ms, hand_ms)

    trend = dict(kpi="open_pipeline_value", teamId=team, closingFrom=closing_from, closingTo=closing_to, granularity="WEEK",
                 asOfBucketEnds="true", **{"from": today - dt.timedelta(weeks=13), "to": today})
    api_ms, answer = api("/api/v1/kpis/series", trend)
    ends = [p["bucketEnd"] for p in answer[0]["points"]]
    hand_ms, rows = hand_timed(database, HAND_TREND.format(buckets=", ".join(f"('{e}'::date)" for e in ends),
                                                           amount=in_euros("o.amount", "o.currency", "b.e"), **window), runs)
    if [str(p["value"]) for p in answer[0]["points"]] != [r[2] for r in rows]:
        raise SystemExit(f"the 13-week trend: API {[p['value'] for p in answer[0]['points']]}, hand SQL {rows}")
    timings["trend"] = (api_ms, hand_ms)

    start = f"{closing_from}T00:00:00Z"
    end = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    api_ms, answer = api("/api/v1/kpis/waterfall", dict(teamId=team, closingFrom=closing_from, closingTo=closing_to, startAt=start, endAt=end))
    hand_ms, rows = hand_timed(database, HAND_WATERFALL.format(start=start, end=end, amount=in_euros("o.amount", "o.currency", f"'{now.date()}'::date"),
                                                               **window), runs)
    api_rows = {"START": answer["start"], "END": answer["end"], **{s["kind"]: s for s in answer["steps"]}}
    hand_rows = {r[0]: (int(r[1]), Decimal(r[2])) for r in rows}
    if {k: (v["count"], Decimal(v["amount"])) for k, v in api_rows.items()} != hand_rows:
        raise SystemExit(f"the waterfall: API {api_rows}, hand SQL {hand_rows}")
    timings["waterfall"] = (api_ms, hand_ms)
    timings["forecast"] = bench_forecast(database, bearer, runs)
    return timings


# ---------------------------------------------------------------------------------------------------------------------
# The forecast view of REGION_NAME (its sub-teams' deals) for this quarter: the region's line next to the same numbers
# written by hand over the deals and their versions

REGION_NAME = "EMEA Sales"
FIXED_PROBABILITY = ("case {stage} when 'PROSPECTING' then 0.10 when 'QUALIFICATION' then 0.25 when 'PROPOSAL' then 0.50"
                     " when 'NEGOTIATION' then 0.75 else 0 end")

HAND_FORECAST = """
with recursive sub(id) as (select id from team where id = '{region}' union all select t.id from team t join sub on t.parent_id = sub.id),
deals as (
  select o.stage, o.forecast_category, o.stage = 'CLOSED_WON' as won,
         case when o.stage = 'CLOSED_WON' then {won_amount} else {open_amount} end as amount
  from opportunity o
  where o.team_id in (select id from sub)
    and (o.stage = 'CLOSED_WON' and o.closed_on between '{start}' and '{end}'
         or o.stage not in ('CLOSED_WON', 'CLOSED_LOST') and o.expected_close_on between '{start}' and '{end}')),
learnt as (
  select v.stage, count(distinct c.id) filter (where c.stage = 'CLOSED_WON')::numeric / count(distinct c.id) as p
  from opportunity c join opportunity_version v on v.id = c.id and v.stage not in ('CLOSED_WON', 'CLOSED_LOST')
  where c.stage in ('CLOSED_WON', 'CLOSED_LOST') and c.closed_on between '{learn_from}' and date '{start}' - 1
    and c.team_id in (select id from sub)
  group by v.stage)
select coalesce(round(sum(amount) filter (where won), 2), 0),
       coalesce(round(sum(amount) filter (where not won and forecast_category = 'COMMIT'), 2), 0),
       coalesce(round(sum(amount) filter (where not won and forecast_category = 'BEST_CASE'), 2), 0),
       coalesce(round(sum(amount) filter (where not won), 2), 0),
       coalesce(round(sum(amount * """ + FIXED_PROBABILITY.format(stage="d.stage") + """) filter (where not won), 2), 0),
       coalesce(round(sum(amount * coalesce(l.p, """ + FIXED_PROBABILITY.format(stage="d.stage") + """)) filter (where not won), 2), 0)
from deals d left join learnt l on l.stage = d.stage;
"""
FORECAST_NUMBERS = ("closedWon", "openCommit", "openBestCase", "openPipeline", "stageWeightedPipeline", "historyWeightedPipeline")


def bench_forecast(database, bearer, runs):
    """The region's forecast this quarter: (API median ms, hand SQL median ms), after checking that the region's numbers agree."""
    region = psql(database, f"select id from team where name = '{REGION_NAME}'").strip()
    today = dt.date.today()
    start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    end = dt.date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1) - dt.timedelta(days=1)
    learn_from = start.replace(year=start.year - 1)
    params = dict(period=f"FY{start.year}-Q{(start.month + 2) // 3}", teamId=region)
    for _ in range(3):
        rest_get(bearer, "/api/v1/forecast", params)
    samples = [rest_get(bearer, "/api/v1/forecast", params) for _ in range(runs)]
    hand_ms, rows = hand_timed(database, HAND_FORECAST.format(region=region, start=start, end=end, learn_from=learn_from,
                                                              won_amount=in_euros("o.amount", "o.currency", "o.closed_on"),
                                                              open_amount=in_euros("o.amount", "o.currency", f"'{end}'::date")), runs)
    owner = samples[-1][1]["owner"]
    api = [Decimal(str(owner[k])) for k in FORECAST_NUMBERS]
    if api != [Decimal(v) for v in rows[0]]:
        raise SystemExit(f"the forecast of {REGION_NAME}: API {dict(zip(FORECAST_NUMBERS, api))}, hand SQL {rows[0]}")
    return statistics.median(s[0] for s in samples), hand_ms


# ---------------------------------------------------------------------------------------------------------------------
# Throughput: HTTP (wrk) against pgbench

WRK_SCRIPT = """
local ids = {}
for line in io.lines("%s") do ids[#ids + 1] = line end
math.randomseed(42)
request = function()
  return wrk.format("GET", "/api/v1/opportunities/" .. ids[math.random(#ids)], { ["Authorization"] = "Bearer %s" })
end
"""


def wrk(url, seconds, connections, script=None, header=None, details=False):
    """Requests per second; with details, also the latency percentiles (ms) and the count of non-2xx answers."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", script]
    if header:
        command += ["-H", header]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if not details:
        if errors:
            raise SystemExit("wrk saw error responses:\n" + output)
        return rps
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    latency = {q: float(v) * units[u] for q, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)}
    return dict(rps=rps, p50=latency["50"], p99=latency["99"], errors=int(errors.group(1)) if errors else 0)


# Seconds of GET by id before the one measured against pgbench: after 5 s the compiler's threads still took 9-15 s of
# CPU during the 15 s measured (2,064 req/s), after 60 s under 1 s (3,460 req/s).
GET_WARM_UP_SECONDS = 45


def get_by_id_rps(ids, bearer, seconds, connections, details=False, warm_up_seconds=5):
    """GET-by-id requests per second over these ids (after a warm-up in which the JIT compiles the request path)."""
    with tempfile.NamedTemporaryFile("w", delete=False) as id_file, tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        id_file.write("\n".join(ids))
        id_file.flush()
        lua.write(WRK_SCRIPT % (id_file.name, bearer))
    wrk(f"http://localhost:{PORT}", warm_up_seconds, connections, script=lua.name, details=details)
    result = wrk(f"http://localhost:{PORT}", seconds, connections, script=lua.name, details=details)
    os.unlink(lua.name)
    os.unlink(id_file.name)
    return result


# ---------------------------------------------------------------------------------------------------------------------
# CRUD under a KPI flood: GET-by-id latency alone, then while FLOOD_CLIENTS clients send heavy KPI requests

FLOOD_CLIENTS = 32
HEAVY_KPI = "/api/v1/kpis/series?" + urllib.parse.urlencode(
    [("kpi", k) for k in HEADLINE] + [("preset", "LAST_12_MONTHS"), ("granularity", "WEEK")])


def bench_flood(database, seconds, connections):
    """CRUD p50/p99 alone and under the flood, the flood's answers by status, and whether readiness kept answering 200."""
    ids = psql(database, "select id from opportunity tablesample system (1) limit 2000").split()
    crud_token, kpi_token = token(), token()
    alone = get_by_id_rps(ids, crud_token, seconds, connections, details=True)
    statuses, stop = {}, threading.Event()

    def flood():
        connection = http.client.HTTPConnection("localhost", PORT, timeout=120)
        while not stop.is_set():
            try:
                connection.request("GET", HEAVY_KPI, headers={"Authorization": "Bearer " + kpi_token})
                response = connection.getresponse()
                response.read()
                statuses[response.status] = statuses.get(response.status, 0) + 1
            except (OSError, http.client.HTTPException):
                statuses["broken"] = statuses.get("broken", 0) + 1
                connection = http.client.HTTPConnection("localhost", PORT, timeout=120)

    clients = [threading.Thread(target=flood, daemon=True) for _ in range(FLOOD_CLIENTS)]
    for client in clients:
        client.start()
    time.sleep(3)
    health = []
    health_probe = threading.Thread(target=lambda: [health.append(_status(f"http://localhost:{PORT}/q/health/ready")) or time.sleep(1)
                                                    for _ in range(seconds)], daemon=True)
    health_probe.start()
    flooded = get_by_id_rps(ids, crud_token, seconds, connections, details=True)
    stop.set()
    health_probe.join()
    for client in clients:
        client.join(130)
    return dict(alone=alone, flooded=flooded, kpi_statuses=statuses, health_ok=sum(1 for h in health if h == 200), health_all=len(health))


# ---------------------------------------------------------------------------------------------------------------------
# Many users: dashboards at 1, 8 and 32 clients, point reads while dashboards run, a rep's full and delta sync

CONCURRENCY = [1, 8, 32]


def bench_concurrency(database, seconds, connections, measured):
    """Dashboard throughput and latency per number of clients, GET-by-id throughput alone and while 8 clients send
    dashboards, and a rep's sync (full, then a delta over records changed after it) in rows per second next to COPY TO,
    each written into measured as soon as it is made."""
    bearer = token()
    levels = measured["levels"] = {}
    for clients in CONCURRENCY:
        levels[clients] = dashboards_for(database, bearer, clients, seconds)
    ids = psql(database, "select id from opportunity tablesample system (1) limit 2000").split()
    measured["reads_alone"] = get_by_id_rps(ids, bearer, seconds, connections)
    stop = threading.Event()
    background = threading.Thread(target=lambda: dashboards_for(database, bearer, 8, None, stop), daemon=True)
    background.start()
    measured["reads_during"] = get_by_id_rps(ids, bearer, seconds, connections)
    stop.set()
    background.join(120)
    measured["sync"] = bench_sync(database)


def dashboards_for(database, bearer, clients, seconds, stop=None):
    """clients threads sending the UTC dashboard back to back for seconds (or until stop): requests/s, p50 and p99 ms, errors."""
    body = dashboard_body(database, "UTC")
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + (seconds or 24 * 3600)

    def client():
        connection = http.client.HTTPConnection("localhost", PORT, timeout=120)
        while time.perf_counter() < deadline and not (stop and stop.is_set()):
            start = time.perf_counter()
            try:
                connection.request("POST", "/graphql", body, {"Authorization": "Bearer " + bearer, "Content-Type": "application/json"})
                response = connection.getresponse()
                answer = json.loads(response.read())
                failed = response.status != 200 or answer.get("errors")
            except (OSError, http.client.HTTPException, ValueError):
                failed = True
                connection = http.client.HTTPConnection("localhost", PORT, timeout=120)
            with lock:
                if failed:
                    errors[0] += 1
                else:
                    latencies.append((time.perf_counter() - start) * 1000)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if not latencies:
        return dict(rps=0, p50=None, p99=None, errors=errors[0])
    return dict(rps=len(latencies) / elapsed, p50=percentile(latencies, 0.5), p99=percentile(latencies, 0.99), errors=errors[0])


def bench_sync(database):
    """A rep's first sync (everything they may see, through /api/v1/sync/changes) and a delta sync after 1,000 of their deals
    changed, in rows per second, next to COPY TO of the opportunity table."""
    bearer = token(user=REP)

    def sync(since=None):
        rows, cursor, next_since = 0, None, None
        connection = http.client.HTTPConnection("localhost", PORT, timeout=600)
        start = time.perf_counter()
        while True:
            query = urllib.parse.urlencode([("limit", "500")] + ([("since", since)] if since else []) + ([("cursor", cursor)] if cursor else []))
            connection.request("GET", "/api/v1/sync/changes?" + query, headers={"Authorization": "Bearer " + bearer})
            response = connection.getresponse()
            page = json.loads(response.read())
            if response.status != 200:
                raise SystemExit(f"sync answered {response.status}: {page}")
            rows += len(page["items"])
            cursor = page.get("nextCursor")
            if not cursor:
                next_since = page["nextSince"]
                break
        return rows, time.perf_counter() - start, next_since

    full_rows, full_seconds, since = sync()
    time.sleep(6)  # past the 5 s the sync point keeps for late commits
    psql(database, f"""update opportunity o set name = o.name || ' ', updated_at = now(), version = o.version + 1
                       where o.id in (select o.id from opportunity o join sales_rep r on r.id = o.owner_rep_id
                                      where r.external_id = '{REP[0]}' order by o.id limit 1000)""")
    delta_rows, delta_seconds, _ = sync(since)
    start = time.perf_counter()
    copied = len(psql(database, "copy (select * from opportunity limit 500000) to stdout").splitlines())
    copy_seconds = time.perf_counter() - start
    return dict(full_rows=full_rows, full_rps=full_rows / full_seconds, delta_rows=delta_rows, delta_rps=delta_rows / delta_seconds,
                copy_rps=copied / copy_seconds)


def quiet(database, seconds=60):
    """Waits until no statement runs in the database: the flood's clients give up on answers whose statements PostgreSQL
    still runs until the KPI statement timeout, and would otherwise weigh on the next measurement."""
    deadline = time.time() + seconds
    while time.time() < deadline and psql(database, f"""select count(*) from pg_stat_activity where datname = '{database}'
                                                        and state = 'active' and pid <> pg_backend_pid()""").strip() != "0":
        time.sleep(1)


def _status(url):
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return None


def bench_throughput(database, bearer, seconds, connections):
    ids = psql(database, "select id from opportunity tablesample system (1) limit 2000").split()
    get_rps = get_by_id_rps(ids, bearer, seconds, connections, warm_up_seconds=GET_WARM_UP_SECONDS)
    list_rps = wrk(f"http://localhost:{PORT}/api/v1/opportunities?limit=50", seconds, connections, header="Authorization: Bearer " + bearer)
    if not database_exists("saleskpi_bench_pgbench"):
        psql("postgres", "create database saleskpi_bench_pgbench")
        subprocess.run(["pgbench", "-i", "-q", "-s", "10", "-h", PG["host"], "-p", PG["port"], "-U", PG["user"], "saleskpi_bench_pgbench"],
                       check=True, capture_output=True)
    def pgbench(duration):
        output = subprocess.run(["pgbench", "-S", "-n", f"-c{connections}", "-j2", f"-T{duration}", "-h", PG["host"], "-p", PG["port"],
                                 "-U", PG["user"], "saleskpi_bench_pgbench"], check=True, capture_output=True, text=True).stdout
        return float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", output).group(1))

    # warmed up like the GET above: right after pgbench -i, pgbench -S ran at 81 tps here, and at 20,261 minutes later
    pgbench(GET_WARM_UP_SECONDS)
    return get_rps, list_rps, pgbench(seconds)


# ---------------------------------------------------------------------------------------------------------------------
# Import: the API against COPY

IMPORT_FIELDS = ["externalRef", "name", "accountId", "ownerRepId", "teamId", "territoryId", "channelId", "productId", "type",
                 "stage", "amount", "currency", "openedOn", "expectedCloseOn", "closedOn", "lossReason"]
COPY_COLUMNS = ["external_ref", "name", "account_id", "owner_rep_id", "team_id", "territory_id", "channel_id", "product_id", "type",
                "stage", "amount", "currency", "opened_on", "expected_close_on", "closed_on", "loss_reason"]


def bench_import(database, bearer, rows, chunk):
    source = psql(database, f"""copy (select {', '.join(COPY_COLUMNS[1:])} from opportunity order by id limit {rows})
                                 to stdout with (format csv)""").splitlines()
    records = list(csv.reader(source))
    run = uuid.uuid4().hex[:8]
    psql(database, "delete from opportunity where external_ref like 'BENCH-%'")

    def send(prefix, rows):
        text = _csv_text(IMPORT_FIELDS, ([f"{prefix}-{i}"] + r for i, r in enumerate(rows)))
        request = urllib.request.Request(f"http://localhost:{PORT}/api/v1/import/opportunities", text.encode(), method="POST",
                                         headers={"Authorization": "Bearer " + bearer, "Content-Type": "text/csv"})
        with urllib.request.urlopen(request, timeout=3600) as response:
            report = json.load(response)
            if report["created"] != len(rows):
                raise SystemExit(f"import report: {report}")

    # warm-up, as for the other measurements: the JIT compiles the import path (these rows are deleted again)
    for offset in range(0, min(len(records), 2 * chunk), chunk):
        send(f"BENCH-WARM-{run}-{offset}", records[offset:offset + chunk])
    psql(database, "delete from opportunity where external_ref like 'BENCH-%'")
    start = time.perf_counter()
    for offset in range(0, len(records), chunk):
        send(f"BENCH-API-{run}-{offset}", records[offset:offset + chunk])
    api_seconds = time.perf_counter() - start

    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as copy_file:
        copy_file.write(_csv_text(["id"] + COPY_COLUMNS + ["created_at", "updated_at"],
                                  ([str(uuid.uuid4()), f"BENCH-COPY-{run}-{i}"] + r + ["now", "now"] for i, r in enumerate(records))))
    start = time.perf_counter()
    psql(database, f"\\copy opportunity (id, {', '.join(COPY_COLUMNS)}, created_at, updated_at) from '{copy_file.name}' with (format csv, header)")
    copy_seconds = time.perf_counter() - start
    os.unlink(copy_file.name)
    psql(database, "delete from opportunity where external_ref like 'BENCH-%'")
    compact_rollups(database)
    return len(records) / api_seconds, len(records) / copy_seconds


def compact_rollups(database):
    """The rollups as the generator left them. Each import run inserts and deletes 40,000 deals, and every one of them
    updates the deals' rollup rows twice; where autovacuum is off (as on our benchmark machines) the dead rows stay, and
    after a few runs pipeline_monthly held 64,000 dead rows beside 9,400 live ones: the dashboard's PostgreSQL time went
    from 33 to 41 ms at 100k. A server with autovacuum keeps them in check; here VACUUM FULL puts them back, and
    VACUUM ANALYZE (as before each scale) the rest."""
    tables = psql(database, "select string_agg(relname, ', ') from pg_class where relkind = 'r'"
                            " and relnamespace = 'public'::regnamespace and relname ~ '_(daily|monthly)$'").strip()
    psql(database, f"vacuum (full, analyze) {tables}")
    psql(database, "vacuum analyze")


def _csv_text(header, rows):
    with tempfile.SpooledTemporaryFile(mode="w+", newline="") as buffer:
        writer = csv.writer(buffer)
        writer.writerow(header)
        writer.writerows(rows)
        buffer.seek(0)
        return buffer.read()


# ---------------------------------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="100000,1000000,5000000", help="opportunities per data set, comma-separated")
    parser.add_argument("--runs", type=int, default=20, help="warm dashboard runs per scale")
    parser.add_argument("--seconds", type=int, default=15, help="duration of each throughput run")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections of wrk and pgbench")
    parser.add_argument("--import-rows", type=int, default=20000, help="opportunities imported through the API and by COPY")
    parser.add_argument("--import-chunk", type=int, default=3000, help="rows per import request (each under the 1 MB body limit)")
    parser.add_argument("--only-flood", action="store_true", help="measure only CRUD latency under a KPI flood")
    parser.add_argument("--replica-scale", type=int, default=100000, help="opportunities of the read replica phase (0: none)")
    parser.add_argument("--only-replica", action="store_true", help="measure only the read replica phase")
    parser.add_argument("--only-history", action="store_true", help="measure only the pipeline history requests and the forecast view")
    parser.add_argument("--only-dashboard", action="store_true", help="measure only the dashboard in the four time zones")
    parser.add_argument("--only-live", action="store_true", help="measure only the KPI cache, subscriptions and webhooks (needs node)")
    parser.add_argument("--jar", help="the service to measure (default: this checkout's target/quarkus-app/quarkus-run.jar),"
                        " e.g. an earlier build for a before/after comparison")
    args = parser.parse_args()
    missing = [tool for tool in (("psql",) if args.only_replica or args.only_history or args.only_dashboard
               else ("psql", "node") if args.only_live else ("psql", "pgbench", "wrk"))
               if shutil.which(tool) is None]
    if missing:
        raise SystemExit(f"not installed: {', '.join(missing)} (Debian: apt-get install postgresql-client postgresql-contrib wrk)")
    if not os.path.exists(os.path.join(ROOT, "target", "quarkus-app", "quarkus-run.jar")):
        subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-q", "-ntp", "package", "-DskipTests"], cwd=ROOT, check=True)
    keycloak = ensure_keycloak()
    results, failure = [], None
    replica = {}
    try:
        for scale in [] if args.only_replica else [int(s) for s in args.scales.split(",")]:
            database = f"saleskpi_bench_{scale}"
            generate = not database_exists(database) or psql(database, "select count(*) from opportunity where created_by = 'demo-data'").strip() != str(scale)
            if generate and database_exists(database):
                psql("postgres", f"drop database {database} with (force)")
            log(f"scale {scale}: {'generating' if generate else 'reusing'} {database}")
            result = dict(scale=scale)
            results.append(result)
            try:
                if args.only_flood:
                    flood_phase(database, scale, generate, args, result)
                elif args.only_history:
                    history_phase(database, scale, generate, args, result)
                elif args.only_dashboard:
                    dashboard_phase(database, scale, generate, args, result)
                elif args.only_live:
                    live_phase(database, scale, generate, args, result)
                else:
                    bench_scale(database, scale, generate, args, result)
            except (Exception, SystemExit) as error:
                # what was measured before the failing step is still printed
                failure = f"scale {scale}: {error}"
                log(f"stopped at {failure}")
                break
        if not failure and args.replica_scale and not args.only_flood and not args.only_history and not args.only_dashboard and not args.only_live:
            try:
                bench_replica(args.replica_scale, args.runs, replica)
            except (Exception, SystemExit) as error:
                failure = f"read replica: {error}"
                log(f"stopped at {failure}")
    finally:
        if keycloak:
            os.killpg(keycloak.pid, 15)
    if args.only_history:
        report_history(results)
    elif args.only_dashboard:
        report_dashboards(results)
    elif args.only_live:
        report_live(results)
    elif not args.only_replica:
        report(results, args.only_flood)
    report_replica(replica)
    if failure:
        raise SystemExit(f"the benchmark stopped at {failure}")


def bench_scale(database, scale, generate, args, result):
    """Every measurement of one scale, each written into result as soon as it is made."""
    started = time.perf_counter()
    service = start_service(database, scale, generate)
    result.update(startup=time.perf_counter() - started, generated=generate)
    try:
        compact_rollups(database)
        bearer = token()
        log(f"scale {scale}: dashboards until the JIT has compiled their path")
        log(f"scale {scale}: {settle_jit(service, database, bearer)} dashboards sent")
        dashboards = result["dashboards"] = {}
        for zone in ZONES:
            log(f"scale {scale}: dashboard in {zone}")
            dashboards[zone] = bench_dashboard(database, bearer, args.runs, zone)
        result["api_ms"], result["sql_ms"] = dashboards["UTC"]
        log(f"scale {scale}: pipeline history")
        result["history"] = bench_history(database, bearer, args.runs)
        log(f"scale {scale}: throughput")
        result["get_rps"], result["list_rps"], result["pgbench_tps"] = bench_throughput(database, token(), args.seconds, args.connections)
        log(f"scale {scale}: import")
        result["import_rps"], result["copy_rps"] = bench_import(database, token(admin=True), args.import_rows, args.import_chunk)
        result["rss_mb"] = peak_rss_mb(service)
        log(f"scale {scale}: row-level security on")
        wall_on = bench_row_security(database, args.runs, args.seconds, args.connections)
    finally:
        service.terminate()
        service.wait()
    service = start_service(database, scale, False, row_security=False)
    try:
        log(f"scale {scale}: row-level security off")
        wall_off = bench_row_security(database, args.runs, args.seconds, args.connections)
    finally:
        service.terminate()
        service.wait()
    if wall_on["answer"] != wall_off["answer"]:
        raise SystemExit("the manager's dashboard differs with and without row-level security")
    result.update(wall_on=wall_on, wall_off=wall_off)
    flood_phase(database, scale, False, args, result)


def dashboard_phase(database, scale, generate, args, result):
    service = start_service(database, scale, generate, jar=args.jar)
    try:
        compact_rollups(database)
        bearer = token()
        log(f"scale {scale}: {settle_jit(service, database, bearer)} dashboards sent until the JIT has compiled their path")
        result["dashboards"] = {zone: bench_dashboard(database, bearer, args.runs, zone) for zone in ZONES}
    finally:
        service.terminate()
        service.wait()


def history_phase(database, scale, generate, args, result):
    service = start_service(database, scale, generate, jar=args.jar)
    try:
        log(f"scale {scale}: pipeline history")
        result["history"] = bench_history(database, token(), args.runs)
    finally:
        service.terminate()
        service.wait()


def flood_phase(database, scale, generate, args, result):
    """A service without the per-caller KPI allowance (0), so that the one flooding caller is not stopped and what is measured
    is the KPI pool's isolation from CRUD (the allowance would only shorten the flood)."""
    service = start_service(database, scale, generate, jar=args.jar, KPI_CALLER_BUDGET_PER_MINUTE="0")
    try:
        log(f"scale {scale}: CRUD under a KPI flood")
        result["flood"] = bench_flood(database, args.seconds, args.connections)
        quiet(database)
        log(f"scale {scale}: many users")
        bench_concurrency(database, args.seconds, args.connections, result["flood"].setdefault("concurrency", {}))
    finally:
        service.terminate()
        service.wait()


MANAGER = ("demo-rep-1", "manager")
REP = ("demo-rep-2", "rep")


def bench_row_security(database, runs, seconds, connections):
    """What a manager (the dashboard of their team) and a rep (GET by id of their own deals) see and how fast."""
    dashboard_ms, answer = dashboard_api(database, token(user=MANAGER), runs)
    _, analyst_answer = dashboard_api(database, token(), 1)
    if answer != analyst_answer:
        raise SystemExit("the manager's dashboard of their team differs from the analyst's")
    ids = psql(database, f"""select o.id from opportunity o join sales_rep r on r.id = o.owner_rep_id
                             where r.external_id = '{REP[0]}' limit 2000""").split()
    return dict(dashboard_ms=dashboard_ms, answer=answer, get_rps=get_by_id_rps(ids, token(user=REP), seconds, connections))


# ---------------------------------------------------------------------------------------------------------------------
# A real read replica: a primary and a hot standby of the benchmark's own (the machine's cluster allows no replication),
# made as the tests' StreamingReplica makes them

PG_BIN = os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
REPLICATION = os.path.join(tempfile.gettempdir(), "saleskpi-bench-replication")
PAIR = {"primary": 55432, "standby": 55433}


def as_postgres(*command):
    """PostgreSQL's tools refuse root: under root they run as the postgres user."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(prefix + list(command), check=True, capture_output=True, text=True)


def on_server(server, database, sql):
    return subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", PG["host"], "-p", str(PAIR[server]),
                           "-U", PG["user"], "-d", database, "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def start_pair(database):
    stop_pair()
    os.makedirs(REPLICATION)
    if os.geteuid() == 0:
        shutil.chown(REPLICATION, "postgres", "postgres")
    primary, standby = os.path.join(REPLICATION, "primary"), os.path.join(REPLICATION, "standby")
    as_postgres(os.path.join(PG_BIN, "initdb"), "-D", primary, "-U", PG["user"], "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync")
    settings = [f"port = {PAIR['primary']}", "listen_addresses = '127.0.0.1'", f"unix_socket_directories = '{REPLICATION}'",
                "wal_level = replica", "max_wal_senders = 4", "hot_standby = on", "max_connections = 100", "shared_buffers = 256MB"]
    as_postgres("sh", "-c", f"printf '%s\\n' {' '.join(repr(line) for line in settings)} >> {primary}/postgresql.conf")
    as_postgres(os.path.join(PG_BIN, "pg_ctl"), "-D", primary, "-l", primary + ".log", "-w", "start")
    on_server("primary", "postgres", f"create database {database}")
    as_postgres(os.path.join(PG_BIN, "pg_basebackup"), "-h", "127.0.0.1", "-p", str(PAIR["primary"]), "-U", PG["user"], "-D", standby,
                "-R", "-X", "stream", "--checkpoint=fast")
    as_postgres("sh", "-c", f"echo 'port = {PAIR['standby']}' >> {standby}/postgresql.conf")
    as_postgres(os.path.join(PG_BIN, "pg_ctl"), "-D", standby, "-l", standby + ".log", "-w", "start")


def stop_pair():
    for server in ("standby", "primary"):
        data = os.path.join(REPLICATION, server)
        if os.path.exists(os.path.join(data, "postmaster.pid")):
            as_postgres(os.path.join(PG_BIN, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")
    shutil.rmtree(REPLICATION, ignore_errors=True)


def await_replay(database):
    written = on_server("primary", database, "select pg_current_wal_lsn()")
    wait_for(lambda: on_server("standby", database, f"select pg_last_wal_replay_lsn() >= '{written}'") == "t", 600, "the standby's replay")


def kpi_right_after_write(bearer, runs):
    """Each run writes a deal (the manager's own: no owner named) and asks for this month's bookings at once, with the write's
    consistency token and without: the latency of each, in ms."""
    connection = http.client.HTTPConnection("localhost", PORT)
    headers = {"Authorization": "Bearer " + bearer, "Content-Type": "application/json"}
    today = dt.date.today()
    kpi = f"/api/v1/kpis/snapshot?kpi=bookings&from={today.replace(day=1)}&to={today}"
    with_token, without = [], []
    for i in range(2 * (runs + 3)):
        connection.request("POST", "/api/v1/opportunities", json.dumps({"name": f"Replica benchmark {i}", "type": "NEW_BUSINESS",
                           "stage": "CLOSED_WON", "amount": 1000, "currency": "EUR", "openedOn": str(today), "closedOn": str(today)}), headers)
        answer = connection.getresponse()
        answer.read()
        consistency = answer.getheader("X-Consistency-Token")
        if answer.status != 201 or not consistency:
            raise SystemExit(f"a write answered {answer.status} without a consistency token")
        # every other write is read back with its token, the others without: each KPI request comes right after its write
        for samples, extra in [(with_token, {"X-Consistency-Token": consistency}) if i % 2 else (without, {})]:
            start = time.perf_counter()
            connection.request("GET", kpi, headers={**headers, **extra})
            reply = connection.getresponse()
            reply.read()
            if reply.status != 200:
                raise SystemExit(f"a KPI request answered {reply.status}")
            if i >= 6:  # the first three of each warm up
                samples.append((time.perf_counter() - start) * 1000)
    return with_token, without


def token_waits():
    """The consistency tokens' waits so far, by who answered (metric saleskpi_kpi_replica_wait_seconds): count and mean ms."""
    metrics = urllib.request.urlopen(f"http://localhost:{PORT}/q/metrics", timeout=10).read().decode()
    waits = {}
    for answered in ("replica", "primary"):
        count = re.search(r'saleskpi_kpi_replica_wait_seconds_count\{answered="%s"[^}]*\} (\S+)' % answered, metrics)
        total = re.search(r'saleskpi_kpi_replica_wait_seconds_sum\{answered="%s"[^}]*\} (\S+)' % answered, metrics)
        n = float(count.group(1)) if count else 0
        waits[answered] = (int(n), float(total.group(1)) * 1000 / n if n else 0)
    return waits


def bench_replica(scale, runs, result):
    """The manager's dashboard on the standby, then on the primary (same numbers), and a KPI right after a write with and
    without its consistency token."""
    database = "saleskpi_bench_replica"
    log(f"read replica: a primary and a standby, {scale} opportunities")
    start_pair(database)
    server = f"127.0.0.1:{PAIR['primary']}"
    try:
        standby_url = f"postgresql://127.0.0.1:{PAIR['standby']}/{database}"
        service = start_service(database, scale, True, server=server, DB_REPLICA_URL=standby_url)
        try:
            await_replay(database)
            manager = token(user=MANAGER)
            PG["port"] = str(PAIR["primary"])  # the team's id and the hand-made checks read the pair's primary
            result["standby_ms"], standby_answer = dashboard_api(database, manager, runs)
            seen = on_server("standby", database, "select count(*) from pg_stat_activity where query like '%from buckets b%'")
            if seen == "0":
                raise SystemExit("no KPI statement ran on the standby")
            result["with_token_ms"], result["without_token_ms"] = kpi_right_after_write(manager, runs)
            result["waits"] = token_waits()
        finally:
            service.terminate()
            service.wait()
        service = start_service(database, scale, False, server=server)
        try:
            result["primary_ms"], primary_answer = dashboard_api(database, token(user=MANAGER), runs)
        finally:
            service.terminate()
            service.wait()
        if standby_answer != primary_answer:
            raise SystemExit("the manager's dashboard differs on the standby and on the primary")
        result["scale"] = scale
    finally:
        PG["port"] = "5432"
        stop_pair()


def report_replica(result):
    if "scale" not in result:
        return
    standby, primary = statistics.median(result["standby_ms"]), statistics.median(result["primary_ms"])
    with_token, without = statistics.median(result["with_token_ms"]), statistics.median(result["without_token_ms"])
    waits = result["waits"]
    print(f"\nA real read replica ({result['scale']:,} opportunities; a primary and a hot standby on this host): the manager's"
          " dashboard computed on the standby and on the primary, and this month's bookings asked right after a write, with the"
          " write's X-Consistency-Token and without\n")
    print("| dashboard median ms, standby / primary | KPI after a write median ms, with token / without | token's price (median) "
          "| token waits answered by the replica (mean wait ms) / by the primary |")
    print("|" + " --- |" * 4)
    print(f"| {standby:.1f} / {primary:.1f} | {with_token:.1f} / {without:.1f} | {with_token - without:+.1f} ms "
          f"| {waits['replica'][0]} ({waits['replica'][1]:.1f}) / {waits['primary'][0]} |")
    print("The dashboard answered the same numbers on the standby and on the primary.")


def measured(results, *keys):
    """The results of the scales that got as far as these measurements (a failed step leaves its scale's later ones out)."""
    return [r for r in results if all(key in r for key in keys)]


def report_flood(results):
    results = measured(results, "flood")
    if not results:
        return
    print(f"\nCRUD under a KPI flood: GET by id (wrk) alone, then while {FLOOD_CLIENTS} clients send"
          f" GET {HEAVY_KPI.split('?')[0]} (10 KPIs, weekly over 12 months) without pause\n")
    print("| opportunities | GET p50 / p99 ms alone | GET p50 / p99 ms flooded | GET req/s alone / flooded | GET errors flooded "
          "| KPI answers by status | readiness 200 |")
    print("|" + " --- |" * 7)
    for r in results:
        f = r["flood"]
        a, b = f["alone"], f["flooded"]
        kpi = ", ".join(f"{k}: {v}" for k, v in sorted(f["kpi_statuses"].items(), key=lambda kv: str(kv[0])))
        print(f"| {r['scale']:,} | {a['p50']:.1f} / {a['p99']:.1f} | {b['p50']:.1f} / {b['p99']:.1f} | {a['rps']:,.0f} / {b['rps']:,.0f} "
              f"| {b['errors']} | {kpi} | {f['health_ok']} of {f['health_all']} |")


def report_concurrency(results):
    results = [r for r in results if len(r.get("flood", {}).get("concurrency", {}).get("levels", {})) == len(CONCURRENCY)]
    if not results:
        return
    print("\nMany users: the UTC dashboard sent back to back by 1, 8 and 32 clients (requests/s, p50 / p99 ms, failed), GET by id"
          " alone and while 8 clients send dashboards, and a rep's sync next to COPY TO (- : not measured, the run stopped before)\n")
    print("| opportunities | " + " | ".join(f"dashboards, {c} client{'s' if c > 1 else ''}" for c in CONCURRENCY)
          + " | GET by id req/s alone / during dashboards | rep's full sync rows (rows/s) | delta sync rows (rows/s) | COPY TO rows/s |")
    print("|" + " --- |" * (len(CONCURRENCY) + 5))
    for r in results:
        c = r["flood"]["concurrency"]
        levels = " | ".join(f"{l['rps']:.1f} req/s, {l['p50']:.0f} / {l['p99']:.0f} ms, {l['errors']} failed" if l["p50"] is not None
                            else f"none answered, {l['errors']} failed" for l in (c["levels"][n] for n in CONCURRENCY))
        reads = f"{c['reads_alone']:,.0f} / {c['reads_during']:,.0f}" if "reads_during" in c else "-"
        sync = c.get("sync")
        synced = (f"{sync['full_rows']:,} ({sync['full_rps']:,.0f}) | {sync['delta_rows']:,} ({sync['delta_rps']:,.0f}) | {sync['copy_rps']:,.0f}"
                  if sync else "- | - | -")
        print(f"| {r['scale']:,} | {levels} | {reads} | {synced} |")


HISTORY_MEASURES = ("as_of", "trend", "waterfall", "forecast")


# ---------------------------------------------------------------------------------------------------------------------
# Live (issue 37): the KPI cache, subscriptions and webhooks. Two instances on one data set: A keeps KPI answers, B
# (the reference) computes every answer anew. A writer wins a deal of TEAM_NAME closing last quarter every second
# through A's API, so that every commit moves the dashboard; the deals are deleted afterwards.

LIVE_PORT_REFERENCE = PORT + 1
LIVE_CLIENTS = 32
LIVE_SUBSCRIPTIONS = 500
LIVE_WEBHOOKS = 2000
SUBSCRIBER = r"""
const [url, token, count, query] = process.argv.slice(2);
let open = 0;
for (let i = 0; i < Number(count); i++) {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: 'Bearer ' + token } }));
  socket.onmessage = ({ data }) => {
    const message = JSON.parse(data);
    if (message.type === 'connection_ack') {
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    } else if (message.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong' }));
    } else if (message.type === 'next') {
      const values = message.payload.data && message.payload.data.kpiChanged ? message.payload.data.kpiChanged.values : null;
      if (!values) { console.error(JSON.stringify(message.payload)); return; }
      if (++open === Number(count)) console.error('subscribed');
      console.log(i + ' ' + values[0].value + ' ' + Date.now());
    }
  };
  socket.onerror = (error) => console.error('socket ' + i + ': ' + error.message);
}
"""


def rss_mb(process):
    with open(f"/proc/{process.pid}/status") as status:
        return int(re.search(r"VmRSS:\s+(\d+) kB", status.read()).group(1)) / 1024


# Requests answered from memory before they are timed. settle_jit stops once the uncached path is compiled, but from
# memory the path is another, and short: the JIT compiles it over the next thousands of requests (medians of the first
# rounds of 1,000 on a fresh service: 11.1, 5.1, 2.9, 2.8, 2.2 ms), which a dashboard in use has long been through.
CACHED_WARM_UP = 4000


def live_phase(database, scale, generate, args, result):
    service = start_service(database, scale, generate, jar=args.jar, KPI_CACHE_ENABLED="true", SUBSCRIPTIONS_PER_CALLER="1000",
                            WEBHOOK_ALLOW_PRIVATE_TARGETS="true", KPI_CALLER_BUDGET_PER_MINUTE="0")
    reference = start_service(database, scale, False, jar=args.jar, port=LIVE_PORT_REFERENCE, WEBHOOK_ALLOW_PRIVATE_TARGETS="true")
    live = result["live"] = {}
    try:
        bearer = token()
        log(f"scale {scale}: the dashboard answered from memory")
        settle_jit(service, database, bearer)
        cached_ms, _ = dashboard_api(database, bearer, args.runs * 10, warm_up=CACHED_WARM_UP)
        live["cached_ms"] = cached_ms
        log(f"scale {scale}: {LIVE_CLIENTS} clients on the dashboard while a deal is won every second")
        live["concurrent"] = concurrent_dashboards(database, bearer, args.seconds)
        log(f"scale {scale}: {LIVE_SUBSCRIPTIONS} subscriptions, a deal won every second")
        live["subscriptions"] = subscriptions_under_writes(database, bearer, service, args.seconds)
        log(f"scale {scale}: webhook deliveries")
        live["webhooks_per_s"] = webhook_deliveries(database)
    finally:
        psql(database, "delete from opportunity where name like 'bench-live-%'")
        for process in (service, reference):
            process.terminate()
            process.wait()


def win_a_deal(database, admin, rep, day_from, day_to):
    """A deal of the team won on the last day of last quarter, through the API: (sent, answered) perf_counter times."""
    body = json.dumps({"name": f"bench-live-{uuid.uuid4()}", "ownerRepId": rep, "type": "NEW_BUSINESS", "stage": "CLOSED_WON",
                       "amount": 1000, "currency": "EUR", "openedOn": str(day_from), "closedOn": str(day_to)})
    connection = http.client.HTTPConnection("localhost", PORT, timeout=60)
    sent = time.perf_counter()
    connection.request("POST", "/api/v1/opportunities", body, {"Authorization": "Bearer " + admin, "Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    if response.status != 201:
        raise SystemExit(f"the writer's deal was refused: {response.status}")
    return sent, time.perf_counter()


def team_rep(database):
    return psql(database, f"select r.id from sales_rep r join team t on t.id = r.team_id where t.name = '{TEAM_NAME}' order by r.id limit 1").strip()


def concurrent_dashboards(database, bearer, seconds):
    """LIVE_CLIENTS clients on instance A while the writer commits: answers per second, and each answer checked equal to
    the reference instance's answer (no cache) for a state of the data that stood while the answer was computed."""
    (q_from, q_to), _, _ = quarter_bounds(dt.date.today())
    admin, rep, body = token(admin=True), team_rep(database), dashboard_body(database, "UTC")
    states, answers, lock, stop = [], [], threading.Lock(), threading.Event()

    def reference_answer():
        connection = http.client.HTTPConnection("localhost", LIVE_PORT_REFERENCE, timeout=120)
        connection.request("POST", "/graphql", body, {"Authorization": "Bearer " + bearer, "Content-Type": "application/json"})
        return json.loads(connection.getresponse().read())["data"]

    def writer():
        # state k stands from the sending of commit k to the answer of commit k + 1
        states.append(dict(since=time.perf_counter(), data=reference_answer(), until=None))
        while not stop.is_set():
            time.sleep(1)
            sent, answered = win_a_deal(database, admin, rep, q_from, q_to)
            states[-1]["until"] = answered
            states.append(dict(since=sent, data=reference_answer(), until=None))

    def client():
        connection = http.client.HTTPConnection("localhost", PORT, timeout=120)
        while not stop.is_set():
            start = time.perf_counter()
            connection.request("POST", "/graphql", body, {"Authorization": "Bearer " + bearer, "Content-Type": "application/json"})
            data = json.loads(connection.getresponse().read())["data"]
            with lock:
                answers.append((start, time.perf_counter(), data))

    threads = [threading.Thread(target=writer, daemon=True)] + [threading.Thread(target=client, daemon=True) for _ in range(LIVE_CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(120)
    elapsed = time.perf_counter() - started
    # each field is a KPI answer of its own, computed (or kept) on its own: a commit may fall between two of them, with
    # the cache or without it
    wrong = []
    for start, end, data in answers:
        standing = [s for s in states if s["since"] <= end and (s["until"] is None or s["until"] >= start)]
        wrong.extend(field for field, answer in data.items() if not any(s["data"][field] == answer for s in standing))
    if wrong:
        raise SystemExit(f"{len(wrong)} of {len(answers) * 3} cached KPI answers matched no state the reference answered ({wrong[:5]})")
    latencies = [(end - start) * 1000 for start, end, _ in answers]
    return dict(rps=len(answers) / elapsed, answers=len(answers), commits=len(states) - 1, p50=percentile(latencies, 0.5),
                p99=percentile(latencies, 0.99))


def subscriptions_under_writes(database, bearer, service, seconds):
    """LIVE_SUBSCRIPTIONS WebSocket subscriptions (Node's WebSocket) to the team's deals won last quarter while a deal is won
    every second: commit-to-push latency (from the sending of the commit) over every push, and the service's memory."""
    (q_from, q_to), _, _ = quarter_bounds(dt.date.today())
    query = ('subscription { kpiChanged(kpis: ["deals_won"], filter: { teamIds: ["%s"] }, period: { from: "%s", to: "%s" })'
             ' { values { value } } }' % (team_id(database), q_from, q_to))
    with tempfile.NamedTemporaryFile("w", suffix=".mjs", delete=False) as script:
        script.write(SUBSCRIBER)
    node = subprocess.Popen(["node", "--experimental-websocket", script.name, f"ws://localhost:{PORT}/graphql", bearer,
                             str(LIVE_SUBSCRIPTIONS), query], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    pushes, lock = [], threading.Lock()
    clock_offset = time.time() - time.perf_counter()

    def read():
        for line in node.stdout:
            subscriber, value, at_ms = line.split()
            with lock:
                pushes.append((int(subscriber), Decimal(value), int(at_ms) / 1000 - clock_offset))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    for line in node.stderr:
        if "subscribed" in line:
            break
        log(f"  subscriber: {line.strip()}")
    time.sleep(2)
    with lock:
        first = {subscriber: value for subscriber, value, _ in pushes}
    if len(first) < LIVE_SUBSCRIPTIONS:
        raise SystemExit(f"only {len(first)} of {LIVE_SUBSCRIPTIONS} subscriptions answered")
    base = max(first.values())
    admin, rep = token(admin=True), team_rep(database)
    commits, memory = [], []
    for _ in range(seconds):
        commits.append(win_a_deal(database, admin, rep, q_from, q_to)[0])
        memory.append(rss_mb(service))
        time.sleep(1)
    time.sleep(3)
    node.terminate()
    latencies, missing = [], 0
    with lock:
        for k, sent in enumerate(commits, start=1):
            seen = [at for subscriber, value, at in pushes if value == base + k]
            missing += LIVE_SUBSCRIPTIONS - len(seen)
            latencies.extend((at - sent) * 1000 for at in seen)
    return dict(subscriptions=LIVE_SUBSCRIPTIONS, commits=len(commits), p50=percentile(latencies, 0.5) if latencies else None,
                p99=percentile(latencies, 0.99) if latencies else None, missing=missing, rss_mb=max(memory))


def webhook_deliveries(database):
    """LIVE_WEBHOOKS activities inserted in one statement, delivered to a local receiver: deliveries per second from the commit
    to the last delivery received."""
    import http.server
    received, done, lock = [0], threading.Event(), threading.Lock()

    class Receiver(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(204)
            self.end_headers()
            with lock:
                received[0] += 1
            if received[0] >= LIVE_WEBHOOKS:
                done.set()

        def log_message(self, *ignored):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    admin = token(admin=True)
    connection = http.client.HTTPConnection("localhost", PORT, timeout=60)
    connection.request("POST", "/api/v1/webhooks", json.dumps({"url": f"http://127.0.0.1:{server.server_address[1]}/", "events": ["activity.created"]}),
                       {"Authorization": "Bearer " + admin, "Content-Type": "application/json"})
    endpoint = json.loads(connection.getresponse().read())["id"]
    try:
        rep = team_rep(database)
        started = time.perf_counter()
        psql(database, f"insert into activity (id, rep_id, type, occurred_at, subject, created_at, updated_at) select gen_random_uuid(), '{rep}',"
                       f" 'EMAIL', now(), 'bench-live', now(), now() from generate_series(1, {LIVE_WEBHOOKS})")
        if not done.wait(300):
            raise SystemExit(f"only {received[0]} of {LIVE_WEBHOOKS} webhook deliveries arrived")
        return LIVE_WEBHOOKS / (time.perf_counter() - started)
    finally:
        connection.request("DELETE", f"/api/v1/webhooks/{endpoint}", headers={"Authorization": "Bearer " + admin})
        connection.getresponse().read()
        psql(database, "delete from activity where subject = 'bench-live'")
        server.shutdown()


def report_live(results):
    print("\nLive: the KPI cache, subscriptions and webhooks (issue 37)\n")
    print("| opportunities | dashboard from memory median / p95 ms | 32 clients + a commit/s: answers/s, p50 / p99 ms (all checked) "
          "| 500 subscriptions: commit-to-push p50 / p99 ms, pushes missed | service RSS MB | webhook deliveries/s |")
    print("|" + " --- |" * 6)
    for r in measured(results, "live"):
        live = r["live"]
        cells = [f"{statistics.median(live['cached_ms']):.2f} / {percentile(live['cached_ms'], 0.95):.2f}" if "cached_ms" in live else "-"]
        c = live.get("concurrent")
        cells.append(f"{c['rps']:,.0f}, {c['p50']:.1f} / {c['p99']:.1f} ({c['answers']:,} answers, {c['commits']} commits)" if c else "-")
        sub = live.get("subscriptions")
        cells.append(f"{sub['p50']:.0f} / {sub['p99']:.0f}, {sub['missing']}" if sub and sub["p50"] is not None else "-")
        cells.append(f"{sub['rss_mb']:.0f}" if sub else "-")
        cells.append(f"{live['webhooks_per_s']:,.0f}" if "webhooks_per_s" in live else "-")
        print(f"| {r['scale']:,} | " + " | ".join(cells) + " |")


def report_history(results):
    print("\nPipeline history (opportunity_version): the team's pipeline closing this quarter as of the first of the month, as of"
          " each of the last 13 weeks' ends, and its waterfall since the quarter began; and the forecast view of " + REGION_NAME
          + " for this quarter; API next to hand SQL\n")
    print("| opportunities | as-of snapshot API / SQL ms | ratio | 13-week trend API / SQL ms | ratio | waterfall API / SQL ms | ratio"
          " | forecast API / SQL ms | ratio |")
    print("|" + " --- |" * 9)
    for r in measured(results, "history"):
        cells = [f"{api:.1f} / {sql:.1f} | {api / sql:.2f}" for api, sql in (r["history"][k] for k in HISTORY_MEASURES)]
        print(f"| {r['scale']:,} | " + " | ".join(cells) + " |")
    history = measured(results, "history")
    if len(history) > 1:
        first, last = history[0], history[-1]
        print(f"\nAt {last['scale']:,} / at {first['scale']:,}: " + ", ".join(
            f"{k} {last['history'][k][0] / first['history'][k][0]:.2f}" for k in HISTORY_MEASURES))
    print("API and hand-written SQL returned the same numbers for each of them.")


def report_dashboards(results):
    print("\nThe dashboard in four time zones (the instants' days differ; the API reads the same rollups in each)\n")
    print("| opportunities | time zone | dashboard API median / p95 ms | hand SQL median ms | API / SQL (median) |")
    print("|" + " --- |" * 5)
    for r in measured(results, "dashboards"):
        for zone, (api_ms, sql_ms) in r["dashboards"].items():
            api, sql = statistics.median(api_ms), statistics.median(sql_ms)
            print(f"| {r['scale']:,} | {zone} | {api:.1f} / {percentile(api_ms, 0.95):.1f} | {sql:.1f} | {api / sql:.2f} |")
    timed = measured(results, "dashboards")
    if len(timed) > 1:
        first, last = timed[0], timed[-1]
        print(f"\nDashboard latency at {last['scale']:,} / at {first['scale']:,}, by zone: " + ", ".join(
            f"{zone} {statistics.median(last['dashboards'][zone][0]) / statistics.median(first['dashboards'][zone][0]):.2f}"
            for zone in ZONES))


def report(results, only_flood=False):
    if only_flood:
        report_flood(results)
        report_concurrency(results)
        return
    print(f"\nBenchmark {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, PostgreSQL and the service (-Xmx256m) on one host\n")
    print("| opportunities | dashboard API median / p95 ms | hand SQL median / p95 ms | API / SQL (median) "
          "| GET by id req/s | list page req/s | pgbench -S tps | GET / pgbench | import rows/s | COPY rows/s | import / COPY | peak RSS MB |")
    print("|" + " --- |" * 12)
    for r in measured(results, "api_ms", "rss_mb"):
        api, sql = statistics.median(r["api_ms"]), statistics.median(r["sql_ms"])
        print(f"| {r['scale']:,} | {api:.1f} / {percentile(r['api_ms'], 0.95):.1f} | {sql:.1f} / {percentile(r['sql_ms'], 0.95):.1f} "
              f"| {api / sql:.2f} | {r['get_rps']:,.0f} | {r['list_rps']:,.0f} | {r['pgbench_tps']:,.0f} | {r['get_rps'] / r['pgbench_tps']:.2f} "
              f"| {r['import_rps']:,.0f} | {r['copy_rps']:,.0f} | {r['import_rps'] / r['copy_rps']:.2f} | {r['rss_mb']:.0f} |")
    timed = measured(results, "api_ms")
    if len(timed) > 1:
        first, last = timed[0], timed[-1]
        print(f"\nDashboard latency at {last['scale']:,} / at {first['scale']:,}: "
              f"{statistics.median(last['api_ms']) / statistics.median(first['api_ms']):.2f}")
    report_dashboards(results)
    print("API and hand-written SQL returned the same numbers for every dashboard above.")
    report_history(results)
    print("\nRow-level security (the database as a second wall): what a manager's dashboard (their team, as above) and a rep's"
          " GET-by-id of their own deals cost with the wall and without it (DB_ROW_LEVEL_SECURITY=false)\n")
    print("| opportunities | manager dashboard median ms, wall / none | ratio | rep GET by id req/s, wall / none | ratio |")
    print("|" + " --- |" * 5)
    for r in measured(results, "wall_on", "wall_off"):
        on, off = r["wall_on"], r["wall_off"]
        dash_on, dash_off = statistics.median(on["dashboard_ms"]), statistics.median(off["dashboard_ms"])
        print(f"| {r['scale']:,} | {dash_on:.1f} / {dash_off:.1f} | {dash_on / dash_off:.2f} "
              f"| {on['get_rps']:,.0f} / {off['get_rps']:,.0f} | {on['get_rps'] / off['get_rps']:.2f} |")
    print("The manager's dashboard answered the same numbers with and without the wall, and the same as the analyst's.")
    report_flood(results)
    report_concurrency(results)


if __name__ == "__main__":
    main()
