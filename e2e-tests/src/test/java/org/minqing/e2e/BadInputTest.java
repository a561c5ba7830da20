package org.minqing.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;

import io.restassured.response.Response;

/**
 * A corpus of bad input against every write endpoint of the four services, sent by a caller who
 * is allowed to write there: only 4xx answers, never a 5xx, and nothing written.
 */
@Order(4)
class BadInputTest {

    /** service, method, path, user allowed to call it, content type. */
    record Endpoint(String service, String method, String path, String user, String contentType) {
        @Override
        public String toString() {
            return method + " " + service + path;
        }
    }

    private static final String ANY = UUID.randomUUID().toString();
    private static final String SCRIPT = "<script>alert('民情')</script>";
    private static final String SQL = "' OR 1=1; DROP TABLE referral; --";

    static List<Endpoint> writeEndpoints() {
        String j = "application/json";
        List<Endpoint> e = new ArrayList<>();
        e.add(new Endpoint("intake", "POST", "/cases", "c11.staff", j));
        e.add(new Endpoint("intake", "POST", "/public/cases/feedback", null, j));
        e.add(new Endpoint("intake", "POST", "/public/cases/status", null, j));
        e.add(new Endpoint("intake", "POST", "/cases/" + ANY + "/receipt", "c11.staff", j));
        e.add(new Endpoint("intake", "POST", "/open311/v2/requests.json", "client:open311-partner", j));
        e.add(new Endpoint("intake", "POST", "/communities", "ops", j));
        e.add(new Endpoint("intake", "PUT", "/communities/" + DemoRealm.C11, "ops", j));
        e.add(new Endpoint("representative", "POST", "/representatives", "sub1.staff", j));
        e.add(new Endpoint("representative", "PUT", "/representatives/" + DemoRealm.REP_NPC, "sub1.staff", j));
        e.add(new Endpoint("representative", "POST", "/representatives/import", "sub1.staff", "text/csv"));
        e.add(new Endpoint("representative", "POST", "/liaison-officers", "sub1.staff", j));
        e.add(new Endpoint("representative", "POST", "/reception-days", "sub1.staff", j));
        e.add(new Endpoint("representative", "PUT", "/reception-days/" + ANY + "/roster", "sub1.staff", j));
        e.add(new Endpoint("representative", "POST", "/reception-days/" + ANY + "/reschedule", "sub1.staff", j));
        e.add(new Endpoint("representative", "POST", "/reception-days/" + ANY + "/cancel", "sub1.staff", j));
        e.add(new Endpoint("representative", "POST", "/reception-days/" + ANY + "/attendance", "sub1.staff", j));
        e.add(new Endpoint("representative", "POST", "/reception-days/" + ANY + "/decline", "rep.party", j));
        e.add(new Endpoint("representative", "POST", "/duty-archive/" + DemoRealm.REP_NPC + "/records", "rep.npc", j));
        e.add(new Endpoint("representative", "PUT", "/duty-archive/" + DemoRealm.REP_NPC + "/records/" + ANY, "rep.npc", j));
        e.add(new Endpoint("representative", "POST", "/duty-archive/" + DemoRealm.REP_NPC + "/voter-contacts", "rep.npc", j));
        for (String action : List.of("route", "extend", "resident-informed", "close", "supervision", "merge")) {
            e.add(new Endpoint("referral", "POST", "/referrals/" + ANY + "/" + action, "sub1.staff", j));
        }
        for (String action : List.of("accept", "return", "progress", "reply")) {
            e.add(new Endpoint("referral", "POST", "/referrals/" + ANY + "/" + action, "unit.housing", j));
        }
        e.add(new Endpoint("referral", "PUT", "/units/" + DemoRealm.UNIT_HOUSING, "ops", j));
        e.add(new Endpoint("referral", "PUT", "/calendar/2027", "ops", j));
        e.add(new Endpoint("referral", "PUT", "/deadline-policies", "ops", j));
        e.add(new Endpoint("notification", "PUT", "/preferences/a11ce000-0000-4000-8000-000000000004", "c11.staff", j));
        e.add(new Endpoint("notification", "PUT", "/mailboxes/SUPERVISOR/310104001000", "ops", j));
        // Not /ops/clock: a test-only endpoint (off in production), and a body without offsetSeconds
        // reads as 0 there (service-kit's ClockChange has a primitive long) — see the suite's report.
        return e;
    }

    /** Bodies every endpoint must refuse. */
    static Map<String, byte[]> corpus() {
        Map<String, byte[]> c = new LinkedHashMap<>();
        c.put("malformed JSON", "{\"communityCode\": \"310104001001\", ".getBytes(StandardCharsets.UTF_8));
        c.put("wrong types", ("{\"channel\":42,\"communityCode\":310104001001,\"households\":\"很多\",\"description\":[1,2],"
                + "\"route\":{},\"unitId\":true,\"reply\":7,\"reason\":[],\"offsetSeconds\":\"soon\",\"rating\":9,"
                + "\"name\":{},\"kind\":3,\"date\":\"昨天\",\"days\":\"ten\",\"representativeIds\":\"all\"}").getBytes(StandardCharsets.UTF_8));
        c.put("JSON of the wrong shape", "[\"not\", \"an\", \"object\"]".getBytes(StandardCharsets.UTF_8));
        c.put("oversized body", ("{\"description\":\"" + "长".repeat(3_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        c.put("invalid codes", ("{\"channel\":\"PIGEON\",\"communityCode\":\"31010400100X\",\"lineCode\":\"" + SQL
                + "\",\"route\":\"TELEPATHY\",\"unitId\":\"" + SQL + "\",\"kind\":\"KING\",\"rating\":\"MEH\","
                + "\"representativeIds\":[\"" + SCRIPT + "\"],\"constituencyCode\":\"" + SCRIPT + "\",\"date\":\"2026-13-45\"}")
                .getBytes(StandardCharsets.UTF_8));
        c.put("script and SQL in every code", ("{\"channel\":\"" + SCRIPT + "\",\"communityCode\":\"" + SQL
                + "\",\"lineCode\":\"" + SCRIPT + "\",\"route\":\"" + SQL + "\",\"unitId\":\"" + SCRIPT
                + "\",\"kind\":\"" + SQL + "\",\"rating\":\"" + SCRIPT + "\",\"offsetSeconds\":\"" + SQL + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        byte[] prefix = "{\"description\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = { (byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80 };
        byte[] suffix = "\",\"communityCode\":\"310104001001\"}".getBytes(StandardCharsets.UTF_8);
        byte[] utf = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, utf, 0, prefix.length);
        System.arraycopy(bad, 0, utf, prefix.length, bad.length);
        System.arraycopy(suffix, 0, utf, prefix.length + bad.length, suffix.length);
        c.put("invalid UTF-8", utf);
        c.put("empty body", new byte[0]);
        return c;
    }

    @Test
    void everyWriteEndpointRefusesTheCorpusWith4xxAndWritesNothing() throws Exception {
        E2ePlatform p = Api.platform();
        Map<String, Long> before = rowCounts();
        List<String> failures = new ArrayList<>();
        for (Endpoint e : writeEndpoints()) {
            for (Map.Entry<String, byte[]> body : corpus().entrySet()) {
                byte[] bytes = body.getValue();
                if ("text/csv".equals(e.contentType()) && body.getKey().equals("malformed JSON")) {
                    continue; // a CSV endpoint reads JSON as a (bad) CSV: covered by the other entries
                }
                var req = given().contentType(e.contentType() + "; charset=UTF-8").body(bytes);
                if (e.user() != null) {
                    String token = e.user().startsWith("client:") ? Sso.client(e.user().substring(7)) : Sso.user(e.user());
                    req = req.auth().oauth2(token);
                }
                Response r = req.request(e.method(), p.url(e.service()) + e.path());
                if (r.statusCode() < 400 || r.statusCode() >= 500) {
                    failures.add(e + " with " + body.getKey() + " → " + r.statusCode() + " "
                            + r.asString().substring(0, Math.min(200, r.asString().length())));
                }
            }
        }
        assertThat(failures).as("answers outside 4xx").isEmpty();
        assertThat(rowCounts()).as("rows in the services' own tables").isEqualTo(before);
    }

    /** A request at or beyond a sane bound (H3), the field the 422 must name, and who sends it. */
    record Boundary(String service, String method, String path, String user, Object body, String field) {
        @Override
        public String toString() {
            return method + " " + service + path + " → " + field;
        }
    }

    static List<Boundary> boundaries() {
        String later = java.time.LocalDate.now().plusYears(3).toString();
        Map<String, Object> rep = new java.util.HashMap<>(Map.of("name", "边界测试", "kind", "PARTY_DELEGATE",
                "termStart", "1900-01-01", "termEnd", "2026-12-31", "constituencyCode", DemoRealm.C11));
        Map<String, Object> repLate = new java.util.HashMap<>(rep);
        repLate.put("termStart", "2022-01-01");
        repLate.put("termEnd", "2999-12-31");
        Map<String, Object> day = Map.of("communityCode", DemoRealm.C11, "date", later, "startTime", "09:00",
                "endTime", "10:00", "place", "边界", "representativeIds", List.of(ANY));
        Map<String, Object> reschedule = Map.of("date", later, "startTime", "09:00", "endTime", "10:00",
                "place", "边界", "reason", "边界");
        List<Boundary> b = new ArrayList<>();
        b.add(new Boundary("referral", "GET", "/calendar/deadline?from=2026-01-01&amount=2147483647&unit=WORKING_DAYS",
                "unit.housing", null, "amount"));
        b.add(new Boundary("referral", "GET", "/calendar/deadline?from=2026-01-01&amount=3661&unit=CALENDAR_DAYS",
                "unit.housing", null, "amount"));
        b.add(new Boundary("referral", "GET", "/calendar/deadline?from=2026-01-01&amount=121&unit=MONTHS",
                "rep.npc", null, "amount"));
        b.add(new Boundary("referral", "GET", "/calendar/deadline?from=2026-01-01&amount=-1&unit=WORKING_DAYS",
                "c11.staff", null, "amount"));
        b.add(new Boundary("referral", "GET", "/calendar/deadline?from=9999-12-31&amount=1&unit=CALENDAR_DAYS",
                "unit.housing", null, "from"));
        b.add(new Boundary("referral", "GET", "/calendar/deadline?from=1999-12-31&amount=1&unit=CALENDAR_DAYS",
                "unit.housing", null, "from"));
        b.add(new Boundary("referral", "GET", "/calendar/99999", "district.staff", null, "year"));
        b.add(new Boundary("referral", "GET", "/calendar/-1", "district.staff", null, "year"));
        b.add(new Boundary("referral", "PUT", "/calendar/1492", "ops", Map.of("days", List.of()), "year"));
        b.add(new Boundary("referral", "PUT", "/deadline-policies", "ops",
                Map.of("kind", "RETURN", "route", "*", "amount", 2147483647, "unit", "WORKING_DAYS", "basis", "x"), "amount"));
        b.add(new Boundary("referral", "PUT", "/deadline-policies", "ops",
                Map.of("kind", "RETURN", "route", "*", "amount", 0, "unit", "MONTHS", "basis", "x"), "amount"));
        for (int days : new int[] { 2147483647, 367, 0, -1 }) {
            b.add(new Boundary("referral", "POST", "/referrals/" + ANY + "/extend", "sub1.staff",
                    Map.of("days", days, "reason", "边界"), "days"));
        }
        b.add(new Boundary("referral", "GET", "/referrals?page=-1", "sub1.staff", null, "page"));
        b.add(new Boundary("referral", "GET", "/referrals?page=2147483647", "sub1.staff", null, "page"));
        b.add(new Boundary("referral", "GET", "/reports/work?from=0001-01-01", "district.staff", null, "from"));
        b.add(new Boundary("referral", "GET", "/reports/work?to=2999-12-31", "district.staff", null, "to"));
        b.add(new Boundary("referral", "GET", "/reports/units?from=1900-01-01", "sub1.staff", null, "from"));
        b.add(new Boundary("referral", "GET", "/reports/units/" + DemoRealm.UNIT_HOUSING + "?to=2101-01-01", "sub1.staff", null, "to"));
        b.add(new Boundary("intake", "POST", "/communities", "ops", Map.of("code", "310104002997", "name", "边界社区",
                "keywords", List.of("边界"), "minLat", -91.0, "maxLat", 31.2, "minLon", 121.4, "maxLon", 121.5), "minLat"));
        b.add(new Boundary("intake", "PUT", "/communities/" + DemoRealm.C11, "ops", Map.of("name", "边界社区",
                "keywords", List.of("边界"), "minLat", 31.18, "maxLat", 31.19, "minLon", 121.43, "maxLon", 999.0), "maxLon"));
        b.add(new Boundary("representative", "POST", "/representatives", "sub1.staff", rep, "termStart"));
        b.add(new Boundary("representative", "POST", "/representatives", "sub1.staff", repLate, "termEnd"));
        b.add(new Boundary("representative", "PUT", "/representatives/" + DemoRealm.REP_NPC, "sub1.staff", repLate, "termEnd"));
        b.add(new Boundary("representative", "POST", "/reception-days", "c11.staff", day, "date"));
        b.add(new Boundary("representative", "POST", "/reception-days/" + ANY + "/reschedule", "sub1.staff", reschedule, "date"));
        b.add(new Boundary("representative", "GET", "/reception-days/mine?from=1900-01-01", "rep.npc", null, "from"));
        b.add(new Boundary("representative", "GET", "/calendar/subdistricts/" + DemoRealm.SUB1 + "?month=1900-01", "sub1.staff", null, "month"));
        b.add(new Boundary("representative", "GET", "/calendar/communities/" + DemoRealm.C11 + "?month=2101-01", "c11.staff", null, "month"));
        b.add(new Boundary("representative", "GET", "/reports/work?from=1999-12-31", "district.staff", null, "from"));
        b.add(new Boundary("representative", "GET", "/reports/work?from=2020-01-01&to=2026-01-01", "sub1.staff", null, "to"));
        b.add(new Boundary("representative", "GET", "/reports/duty-archive?size=501", "sub1.staff", null, "size"));
        b.add(new Boundary("representative", "GET", "/reports/duty-archive.xlsx?year=2101", "c11.staff", null, "year"));
        b.add(new Boundary("representative", "POST", "/duty-archive/" + DemoRealm.REP_NPC + "/records", "rep.npc",
                Map.of("type", "VISIT", "date", "1900-01-01"), "date"));
        b.add(new Boundary("representative", "PUT", "/duty-archive/" + DemoRealm.REP_NPC + "/records/" + ANY, "rep.npc",
                Map.of("type", "VISIT", "date", "2999-01-01"), "date"));
        return b;
    }

    /** H3: numbers and dates at their bounds on every endpoint that takes them: 422 naming the field, nothing written. */
    @Test
    void boundaryNumbersAndDatesAre422NamingTheFieldAndWriteNothing() throws Exception {
        E2ePlatform p = Api.platform();
        Map<String, Long> before = rowCounts();
        List<String> failures = new ArrayList<>();
        for (Boundary b : boundaries()) {
            var req = given().auth().oauth2(Sso.user(b.user()));
            if (b.body() != null) {
                req = req.contentType("application/json; charset=UTF-8").body(b.body());
            }
            long started = System.nanoTime();
            Response r = req.request(b.method(), p.url(b.service()) + b.path());
            long ms = (System.nanoTime() - started) / 1_000_000;
            List<String> fields = r.statusCode() == 422 ? r.jsonPath().getList("errors.field", String.class) : List.of();
            if (r.statusCode() != 422 || !String.valueOf(r.contentType()).startsWith("application/problem+json")
                    || fields == null || !fields.contains(b.field()) || ms > 10_000) {
                failures.add(b + ": " + r.statusCode() + " in " + ms + " ms "
                        + r.asString().substring(0, Math.min(200, r.asString().length())));
            }
        }
        // a roster file over the size bound
        byte[] huge = ("姓名,类别,级别,任期开始,任期结束,选区代码,联络站,手机,邮箱\r\n" + "x".repeat(1024 * 1024 + 1))
                .getBytes(StandardCharsets.UTF_8);
        Response r = given().auth().oauth2(Sso.user("sub1.staff")).contentType("text/csv; charset=UTF-8").body(huge)
                .post(p.url("representative") + "/representatives/import");
        if (r.statusCode() != 422 || !r.asString().contains("\"file\"")) {
            failures.add("POST representative/representatives/import (1 MB + 1) → " + r.statusCode());
        }
        assertThat(failures).as("boundary inputs not refused with 422 naming the field").isEmpty();
        assertThat(rowCounts()).as("rows in the services' own tables").isEqualTo(before);
    }

    /** An address of exactly {@code length} characters: {@code a@} and three 63-character labels, then a TLD. */
    static String longEmail(int length) {
        String head = "a@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".";
        return head + "x".repeat(length - head.length());
    }

    /** A request that must be refused with {@code status} naming {@code field}. */
    record Bound(String what, String service, String method, String path, Map<String, String> query, String user, Object body,
            int status, String field) {
    }

    /** H3 and the visitor's e-mail: intake's numbers and dates at and beyond their bounds. */
    static List<Bound> intakeBounds() {
        List<Bound> b = new ArrayList<>();
        // Far enough out that a moved service clock (the story moves intake's by days) changes nothing.
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        Map<String, Object> ok = Api.hotlineCase(DemoRealm.C11, "housing", "边界 " + UUID.randomUUID(), Api.freshPhone(), Api.freshIdNumber());
        for (Object[] c : new Object[][] { { "households", 0 }, { "households", 100_001 }, { "households", Integer.MAX_VALUE },
                { "persons", 0 }, { "persons", 1_000_001 }, { "latitude", 90.000001 }, { "latitude", -91 }, { "longitude", 180.5 },
                { "longitude", -1e308 }, { "receivedOn", today.plusYears(2).toString() }, { "receivedOn", "0001-01-01" },
                { "receivedOn", "+999999999-12-31" } }) {
            Map<String, Object> body = new java.util.HashMap<>(ok);
            body.put((String) c[0], c[1]);
            if (c[0].equals("latitude")) {
                body.put("longitude", 121.44);
            } else if (c[0].equals("longitude")) {
                body.put("latitude", 31.18);
            }
            b.add(new Bound(c[0] + "=" + c[1], "intake", "POST", "/cases", null, "c11.staff", body, 422, (String) c[0]));
        }
        for (int length : new int[] { 201, 320 }) {
            Map<String, Object> body = new java.util.HashMap<>(ok);
            body.put("visitors", List.of(Map.of("name", "测试居民", "email", longEmail(length))));
            b.add(new Bound("e-mail of " + length + " characters", "intake", "POST", "/cases", null, "c11.staff", body, 400,
                    "visitors[0].email"));
            b.add(new Bound("Open311 e-mail of " + length + " characters", "intake", "POST", "/open311/v2/requests.json", null,
                    "client:open311-partner", Map.of("service_code", "housing", "lat", 31.185, "long", 121.435,
                            "description", "边界 " + UUID.randomUUID(), "email", longEmail(length)), 400, "email"));
        }
        for (String[] q : new String[][] { { "from", "1999-12-31" }, { "to", today.plusYears(2).toString() },
                { "to", "+999999999-12-31" }, { "limit", "0" }, { "limit", "101" }, { "limit", "2147483647" } }) {
            b.add(new Bound(q[0] + "=" + q[1], "intake", "GET", "/cases", Map.of(q[0], q[1]), "c11.staff", null, 422, q[0]));
        }
        for (String[] q : new String[][] { { "start_date", "+999999999-12-31T00:00:00Z" }, { "end_date", "1970-01-01T00:00:00Z" },
                { "start_date", today.plusYears(2) + "T00:00:00+08:00" } }) {
            b.add(new Bound("Open311 " + q[0] + "=" + q[1], "intake", "GET", "/open311/v2/requests.json", Map.of(q[0], q[1]),
                    "client:open311-partner", null, 422, q[0]));
        }
        b.add(new Bound("Open311 101 ids", "intake", "GET", "/open311/v2/requests.json",
                Map.of("service_request_id", String.join(",", java.util.Collections.nCopies(101, ANY))), "client:open311-partner", null,
                422, "service_request_id"));
        for (Object[] c : new Object[][] { { "lat", 91 }, { "lat", -90.5 }, { "long", 181 }, { "long", "Infinity" } }) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("service_code", "housing", "lat", 31.185, "long", 121.435,
                    "description", "边界 " + UUID.randomUUID()));
            body.put((String) c[0], c[1]);
            b.add(new Bound("Open311 " + c[0] + "=" + c[1], "intake", "POST", "/open311/v2/requests.json", null,
                    "client:open311-partner", body, 422, (String) c[0]));
        }
        b.add(new Bound("feedback comment of 501 characters", "intake", "POST", "/public/cases/feedback", null, null,
                Map.of("receiptCode", "ABCD-EFGH-JKMN", "rating", "SATISFIED", "comment", "长".repeat(501)), 400, "comment"));
        b.add(new Bound("receipt code of 41 characters", "intake", "POST", "/public/cases/status", null, null,
                Map.of("receiptCode", "A".repeat(41)), 400, "receiptCode"));
        return b;
    }

    @Test
    void intakeNumbersAndDatesBeyondTheirBoundsAreRefusedNamingTheFieldAndWriteNothing() throws Exception {
        E2ePlatform p = Api.platform();
        Map<String, Long> before = rowCounts();
        List<String> failures = new ArrayList<>();
        for (Bound b : intakeBounds()) {
            var req = given().accept("application/json");
            if (b.body() != null) {
                req = req.contentType("application/json; charset=UTF-8").body(b.body());
            }
            if (b.query() != null) {
                req = req.queryParams(b.query());
            }
            if (b.user() != null) {
                req = req.auth().oauth2(b.user().startsWith("client:") ? Sso.client(b.user().substring(7)) : Sso.user(b.user()));
            }
            Response r = req.request(b.method(), p.url(b.service()) + b.path());
            String text = r.asString();
            boolean named = b.path().startsWith("/open311/")
                    ? text.contains("\"description\":\"" + b.field() + ":")
                    : r.contentType().startsWith("application/problem+json") && r.jsonPath().getList("errors.field").contains(b.field());
            if (r.statusCode() != b.status() || !named) {
                failures.add(b.what() + " → " + r.statusCode() + " " + text.substring(0, Math.min(200, text.length())));
            }
        }
        assertThat(failures).as("bounds not answered with the expected status naming the field").isEmpty();
        assertThat(rowCounts()).as("rows in the services' own tables").isEqualTo(before);
    }

    /**
     * H3 (notification): every number on the notification API has bounds; outside them, or not a
     * number at all, the answer is 422 problem+json naming the field.
     */
    @Test
    void notificationNumbersOutsideTheirBoundsAre422NamingTheField() {
        E2ePlatform p = Api.platform();
        record Query(String user, String path, String param, String value, int status) {
            Query(String user, String path, String param, String value) {
                this(user, path, param, value, 422);
            }
        }
        List<Query> queries = new ArrayList<>();
        for (String limit : List.of("0", "-1", "201", "2147483648", "99999999999999999999", "1e3", "ten")) {
            queries.add(new Query("unit.housing", "/inbox", "limit", limit));
        }
        for (String limit : List.of("0", "-7", "501", "4294967296", "many")) {
            queries.add(new Query("ops", "/notices", "limit", limit));
            queries.add(new Query("sub1.staff", "/notices", "limit", limit));
        }
        // not numbers: a malformed id or flag is a 400 naming it
        queries.add(new Query("ops", "/notices", "sourceEventId", "not-a-uuid", 400));
        queries.add(new Query("c11.staff", "/inbox", "unread", "sometimes", 400));
        List<String> failures = new ArrayList<>();
        for (Query q : queries) {
            Response r = given().auth().oauth2(Sso.user(q.user())).queryParam(q.param(), q.value())
                    .get(p.url("notification") + q.path());
            String text = r.asString();
            boolean named = r.contentType().startsWith("application/problem+json")
                    && String.valueOf(r.jsonPath().getList("errors.field")).contains(q.param());
            if (r.statusCode() != q.status() || !named) {
                failures.add("GET notification" + q.path() + "?" + q.param() + "=" + q.value() + " → " + r.statusCode() + " "
                        + text.substring(0, Math.min(200, text.length())));
            }
        }
        // the test clock (adjustable here, off in production) is bounded too: about ten years either way
        for (long offset : new long[] { 316_300_000L, -316_300_000L, Long.MAX_VALUE, Long.MIN_VALUE }) {
            Response r = given().auth().oauth2(Sso.user("ops")).contentType("application/json")
                    .body(Map.of("offsetSeconds", offset)).put(p.url("notification") + "/ops/clock");
            if (r.statusCode() != 422 || !String.valueOf(r.jsonPath().getList("errors.field")).contains("offsetSeconds")) {
                failures.add("PUT notification/ops/clock offsetSeconds=" + offset + " → " + r.statusCode());
            }
        }
        assertThat(failures).as("bounded numbers answered otherwise than 422 (400 for a malformed id or flag) naming the field")
                .isEmpty();
    }

    /**
     * M5: a visitor's rating sent many times at once (double clicks, retries over a bad line) is
     * accepted exactly once; the others get 409 and leave nothing half-written: one rating, one
     * event, one verdict on the referral.
     */
    @Test
    void concurrentDuplicateFeedbackIsAcceptedOnce() throws Exception {
        Map<String, Object> body = Api.hotlineCase(DemoRealm.C11, "housing", "重复评价 " + UUID.randomUUID(), Api.freshPhone(),
                Api.freshIdNumber());
        Response recorded = Api.recordCase("c11.staff", body).then().statusCode(201).extract().response();
        String caseId = recorded.path("id");
        String code = recorded.path("receiptCode");
        String referralId = Api.eventually().until(() -> Api.referralsOfCase("sub1.staff", caseId), l -> l.size() == 1)
                .get(0).get("id").toString();
        Api.as("sub1.staff").body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", DemoRealm.UNIT_HOUSING, "difficult", false))
                .post(Api.url("referral", "/referrals/" + referralId + "/route")).then().statusCode(200);
        Api.as("unit.housing").body("{}").post(Api.url("referral", "/referrals/" + referralId + "/accept")).then().statusCode(200);
        Api.as("unit.housing").body(Map.of("reply", "已修复"))
                .post(Api.url("referral", "/referrals/" + referralId + "/reply")).then().statusCode(200);
        // Wait as staff (the public look-up is rate-limited per address, and this JVM is one address).
        Api.eventually().untilAsserted(() -> Api.as("c11.staff").get(Api.url("intake", "/cases/" + caseId)).then()
                .statusCode(200).body("status", org.hamcrest.Matchers.is("REPLIED")));

        int n = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String rating = i % 2 == 0 ? "SATISFIED" : "UNSATISFIED";
                answers.add(pool.submit(() -> {
                    go.await();
                    return given().contentType("application/json").body(Map.of("receiptCode", code, "rating", rating))
                            .post(Api.url("intake", "/public/cases/feedback")).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var f : answers) {
                statuses.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201).count()).as("accepted ratings").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Db.count("intake", "select count(*) from case_feedback where case_id::text = any(?)", List.of(caseId)))
                .isEqualTo(1);
        assertThat(Db.count("intake", "select count(*) from outbox_event where event_type = 'intake.case.feedback-given'"
                + " and message_key = any(?)", List.of(caseId))).isEqualTo(1);
        // referral-service applies exactly that one verdict.
        Api.eventually().untilAsserted(() -> Api.as("sub1.staff").get(Api.url("referral", "/referrals/" + referralId)).then()
                .statusCode(200).body("satisfaction", org.hamcrest.Matchers.notNullValue()));
    }

    /** Row counts of every business table of every service (not the outbox/inbox/notice machinery). */
    static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        for (String svc : E2ePlatform.SERVICES) {
            try (Connection c = Db.open(svc); Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables where table_schema = 'public' "
                        + "and table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String t : tables) {
                    if (t.matches(".*(outbox|inbox|notice|attempt|access|flyway|idempot|milestone|timeline|processed|delivery|lock).*")) {
                        continue;
                    }
                    try (ResultSet rs = st.executeQuery("select count(*) from \"" + t + "\"")) {
                        rs.next();
                        counts.put(svc + "." + t, rs.getLong(1));
                    }
                }
            }
        }
        return counts;
    }
}
