package org.minqing.representative;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.minqing.kit.time.AppClock;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Issue 13, console II: the work report's numbers, the printed documents of a reception day and
 * the jurisdiction's duty archive export, on a known set written straight into PostgreSQL in a
 * district of its own (310105), dated 2025 so every day is over. Other tests' data (district
 * 310104) and the neighbouring sub-district's (310105002) must not be counted.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleReportTest {

    static final String D2 = "310105000000";
    static final String S21 = "310105001000";
    static final String C211 = "310105001001";
    static final String C212 = "310105001002";
    static final String S22 = "310105002000";
    static final String C221 = "310105002001";

    static final String D2_STAFF = TestTokens.of("d2", "district-staff", D2);
    static final String S21_STAFF = TestTokens.of("s21", "subdistrict-staff", S21);
    static final String S22_STAFF = TestTokens.of("s22", "subdistrict-staff", S22);
    static final String C211_STAFF = TestTokens.of("c211", "community-staff", C211);
    static final String C212_STAFF = TestTokens.of("c212", "community-staff", C212);
    static final String C211_LIAISON = TestTokens.of("l211", "liaison-officer", C211);

    // The known set's people: three deputies, a delegate and a member, one of them next door.
    final UUID a = UUID.randomUUID(); // 甲代表, district deputy, C211
    final UUID b = UUID.randomUUID(); // 乙代表, city deputy, constituency S21
    final UUID p = UUID.randomUUID(); // 丙党代表, C211
    final UUID m = UUID.randomUUID(); // 丁委员, C212
    final UUID n = UUID.randomUUID(); // 戊代表, district deputy, C221 (the other sub-district)
    final UUID day1 = UUID.randomUUID();
    final UUID day2 = UUID.randomUUID();
    final UUID day3 = UUID.randomUUID();
    final UUID day4 = UUID.randomUUID();
    final UUID day5 = UUID.randomUUID();
    final UUID day6 = UUID.randomUUID();
    /** Case ids unique to this run. */
    final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @BeforeAll
    void knownSet() {
        QuarkusTransaction.requiringNew().run(() -> {
            rep(a, "甲代表", "NPC_DEPUTY", "DISTRICT", C211);
            rep(b, "乙代表", "NPC_DEPUTY", "CITY", S21);
            rep(p, "丙党代表", "PARTY_DELEGATE", null, C211);
            rep(m, "丁委员", "CPPCC_MEMBER", null, C212);
            rep(n, "戊代表", "NPC_DEPUTY", "DISTRICT", C221);
            // day1: A and P attend, M declines
            day(day1, C211, "2025-03-08", "SCHEDULED", "泾水社区居委会二楼");
            slot(day1, a, "CONFIRMED", true, false, null);
            slot(day1, p, "CONFIRMED", true, false, null);
            slot(day1, m, "DECLINED", false, false, "出差");
            // day2: A absent, B and M attend
            day(day2, C211, "2025-04-12", "SCHEDULED", "泾水社区居委会二楼");
            slot(day2, a, "CONFIRMED", false, true, null);
            slot(day2, b, "CONFIRMED", true, false, null);
            slot(day2, m, "CONFIRMED", true, false, null);
            // day3: cancelled
            day(day3, C212, "2025-05-10", "CANCELLED", "第二社区活动室");
            slot(day3, a, "INVITED", false, false, null);
            // day4: the other sub-district; N and B attend
            day(day4, C221, "2025-06-14", "SCHEDULED", "隔壁街道");
            slot(day4, n, "CONFIRMED", true, false, null);
            slot(day4, b, "CONFIRMED", true, false, null);
            // day5: the year before
            day(day5, C211, "2024-12-28", "SCHEDULED", "泾水社区居委会二楼");
            slot(day5, a, "CONFIRMED", true, false, null);
            // day6: ahead
            day(day6, C212, clock.today().plusDays(10).toString(), "SCHEDULED", "第二社区活动室");
            slot(day6, m, "INVITED", false, false, null);

            record(a, "RECEPTION", "2025-03-08", C211, day1, null, false, null, "k1", "k2");
            record(p, "RECEPTION", "2025-03-08", C211, day1, null, false, null, "k2");
            record(b, "RECEPTION", "2025-04-12", C211, day2, null, false, null, "k3");
            record(m, "RECEPTION", "2025-04-12", C211, day2, null, false, null);
            record(n, "RECEPTION", "2025-06-14", C221, day4, null, false, null, "k4");
            record(b, "RECEPTION", "2025-06-14", C221, day4, null, false, null, "k4");
            record(a, "RECEPTION", "2024-12-28", C211, day5, null, false, null, "k5");
            record(a, "SUGGESTION", "2025-03-10", C211, null, "INTER_SESSION_SUGGESTION", true, true);
            record(b, "SUGGESTION", "2025-04-20", C211, null, "REPRESENTATIVE_CONTACT", true, false);
            record(n, "SUGGESTION", "2025-06-20", C221, null, "SESSION_SUGGESTION", false, null);
            record(a, "VISIT", "2025-02-01", C211, null, null, false, null);
        });
    }

    @Test
    void theSubdistrictsWorkReportCountsItsOwnDaysOnly() {
        JsonPath r = given().auth().oauth2(S21_STAFF).queryParam("from", "2025-01-01").queryParam("to", "2025-12-31")
                .get("/reports/work").then().statusCode(200).extract().jsonPath();
        assertThat(r.getString("jurisdiction")).isEqualTo(S21);
        assertThat(r.getMap("receptionDays")).containsEntry("held", 2).containsEntry("upcoming", 0)
                .containsEntry("cancelled", 1).containsEntry("communities", 1);
        assertThat(r.getList("attendance.byKind.kind")).containsExactly("NPC_DEPUTY", "PARTY_DELEGATE", "CPPCC_MEMBER");
        assertThat(r.getList("attendance.byKind.kindLabel")).containsExactly("人大代表", "党代表", "政协委员");
        assertThat(kind(r, 0)).containsExactly(3, 2, 1, 0, 2); // A twice (once absent), B once
        assertThat(kind(r, 1)).containsExactly(1, 1, 0, 0, 1);
        assertThat(kind(r, 2)).containsExactly(1, 1, 0, 1, 1); // M declined day 1, came on day 2
        assertThat(r.getMap("attendance.total")).containsEntry("rostered", 5).containsEntry("attended", 4)
                .containsEntry("absent", 1).containsEntry("declined", 1).containsEntry("representatives", 4)
                .containsEntry("kindLabel", "合计");
        assertThat(r.getMap("receptions")).containsEntry("records", 4).containsEntry("casesReceived", 3);
        assertThat(r.getMap("suggestions")).containsEntry("raised", 2).containsEntry("answered", 2)
                .containsEntry("answeredOnTime", 1);
        assertThat(r.getList("suggestions.byRoute.route")).containsExactly("REPRESENTATIVE_CONTACT",
                "INTER_SESSION_SUGGESTION", "SESSION_SUGGESTION");
        assertThat(r.getList("suggestions.byRoute.count")).containsExactly(1, 1, 0);
        assertThat(r.getList("byCommunity.communityCode")).containsExactly(C211, C212);
        assertThat(r.getMap("byCommunity[0]")).containsEntry("held", 2).containsEntry("cancelled", 0)
                .containsEntry("attended", 4).containsEntry("absent", 1).containsEntry("casesReceived", 3);
        assertThat(r.getMap("byCommunity[1]")).containsEntry("held", 0).containsEntry("cancelled", 1)
                .containsEntry("attended", 0).containsEntry("casesReceived", 0);
    }

    @Test
    void theDistrictSeesBothSubdistrictsAndTheCommunityOnlyItself() {
        JsonPath r = given().auth().oauth2(D2_STAFF).queryParam("from", "2025-01-01").queryParam("to", "2025-12-31")
                .get("/reports/work").then().statusCode(200).extract().jsonPath();
        assertThat(r.getMap("receptionDays")).containsEntry("held", 3).containsEntry("cancelled", 1)
                .containsEntry("communities", 2);
        assertThat(kind(r, 0)).containsExactly(5, 4, 1, 0, 3); // B attended twice, counted once as a person
        assertThat(r.getMap("receptions")).containsEntry("records", 6).containsEntry("casesReceived", 4);
        assertThat(r.getMap("suggestions")).containsEntry("raised", 3).containsEntry("answered", 2);
        assertThat(r.getList("suggestions.byRoute.count")).containsExactly(1, 1, 1);
        assertThat(r.getList("byCommunity.communityCode")).containsExactly(C211, C212, C221);

        // The district narrows to one sub-district: the same numbers as that sub-district's staff see.
        given().auth().oauth2(D2_STAFF).queryParam("from", "2025-01-01").queryParam("to", "2025-12-31")
                .queryParam("jurisdiction", S22).get("/reports/work").then().statusCode(200)
                .body("receptionDays.held", is(1)).body("attendance.total.attended", is(2))
                .body("receptions.casesReceived", is(1)).body("suggestions.raised", is(1));

        given().auth().oauth2(C211_STAFF).queryParam("from", "2025-01-01").queryParam("to", "2025-12-31")
                .get("/reports/work").then().statusCode(200).body("jurisdiction", is(C211))
                .body("receptionDays.held", is(2)).body("receptionDays.cancelled", is(0))
                .body("byCommunity.communityCode", contains(C211));

        // The default period is this year so far; a period reaching ahead counts the planned day as upcoming.
        given().auth().oauth2(C212_STAFF).get("/reports/work").then().statusCode(200)
                .body("from", is(LocalDate.of(clock.today().getYear(), 1, 1).toString()))
                .body("to", is(clock.today().toString()));
        given().auth().oauth2(C212_STAFF).queryParam("from", "2025-01-01")
                .queryParam("to", clock.today().plusDays(30).toString()).get("/reports/work").then().statusCode(200)
                .body("receptionDays.upcoming", is(1)).body("receptionDays.cancelled", is(1))
                .body("receptionDays.held", is(0));
    }

    @Test
    void reportParametersAreBoundedAndScoped() {
        problem(given().auth().oauth2(S21_STAFF).queryParam("from", "2025-13-01").get("/reports/work"), 400, "from");
        problem(given().auth().oauth2(S21_STAFF).queryParam("from", "1999-12-31").get("/reports/work"), 422, "from");
        problem(given().auth().oauth2(S21_STAFF).queryParam("from", "2025-01-01").queryParam("to", "2101-01-01")
                .get("/reports/work"), 422, "to");
        problem(given().auth().oauth2(S21_STAFF).queryParam("from", "2025-06-01").queryParam("to", "2025-05-31")
                .get("/reports/work"), 422, "to");
        problem(given().auth().oauth2(S21_STAFF).queryParam("from", "2020-01-01").queryParam("to", "2025-01-01")
                .get("/reports/work"), 422, "to");
        given().auth().oauth2(S21_STAFF).queryParam("from", "2020-01-01").queryParam("to", "2024-12-31")
                .get("/reports/work").then().statusCode(200);
        problem(given().auth().oauth2(S21_STAFF).queryParam("jurisdiction", "31010500100").get("/reports/work"), 400,
                "jurisdiction");
        problem(given().auth().oauth2(S21_STAFF).queryParam("jurisdiction", C221).get("/reports/work"), 403, null);
        problem(given().auth().oauth2(S21_STAFF).queryParam("jurisdiction", D2).get("/reports/work"), 403, null);
        given().auth().oauth2(Fixtures.repToken(a)).get("/reports/work").then().statusCode(403);
        given().auth().oauth2(C211_LIAISON).get("/reports/duty-archive").then().statusCode(403);

        problem(given().auth().oauth2(S21_STAFF).queryParam("year", 1999).get("/reports/duty-archive"), 422, "year");
        problem(given().auth().oauth2(S21_STAFF).queryParam("size", 501).get("/reports/duty-archive"), 422, "size");
        problem(given().auth().oauth2(S21_STAFF).queryParam("page", -1).get("/reports/duty-archive"), 422, "page");
        problem(given().auth().oauth2(S21_STAFF).queryParam("kind", "MAYOR").get("/reports/duty-archive"), 400, "kind");
        problem(given().auth().oauth2(S21_STAFF).queryParam("year", 2101).get("/reports/duty-archive.xlsx"), 422, "year");
        problem(given().auth().oauth2(S21_STAFF).queryParam("jurisdiction", C221).get("/reports/duty-archive.xlsx"),
                403, null);
    }

    @Test
    void theNoticeAndTheSignInSheetNameWhoReceivesWithoutContacts() {
        String notice = given().auth().oauth2(C211_LIAISON).get("/reception-days/" + day1 + "/notice").then()
                .statusCode(200).body("date", is("2025-03-08")).body("weekday", is("星期六"))
                .body("place", is("泾水社区居委会二楼")).body("communityCode", is(C211)).body("subdistrictCode", is(S21))
                .body("receivers.name", contains("甲代表", "丙党代表"))
                .body("receivers.kindLabel", contains("区人大代表", "党代表"))
                .extract().asString();
        assertThat(notice).doesNotContain("phone").doesNotContain("email").doesNotContain("丁委员");
        given().auth().oauth2(S21_STAFF).get("/reception-days/" + day2 + "/notice").then().statusCode(200)
                .body("receivers.name", contains("乙代表", "甲代表", "丁委员"))
                .body("receivers.kindLabel", contains("市人大代表", "区人大代表", "政协委员"));
        given().auth().oauth2(S21_STAFF).get("/reception-days/" + day3 + "/notice").then().statusCode(200)
                .body("status", is("CANCELLED"));

        given().auth().oauth2(S21_STAFF).get("/reception-days/" + day1 + "/sign-in-sheet").then().statusCode(200)
                .body("rows", hasSize(2)).body("rows.no", contains(1, 2)).body("rows.name", contains("甲代表", "丙党代表"))
                .body("rows[0].liaisonStation", is("联络站" + C211)).body("rows[0].attended", is(true))
                .body("declined.name", contains("丁委员")).body("declined[0].declineReason", is("出差"))
                .body("declined[0].kindLabel", is("政协委员")).body(not(containsString("phone")));

        // Outside the scope: 404; the liaison officer may read the notice but not the sign-in sheet.
        given().auth().oauth2(C212_STAFF).get("/reception-days/" + day1 + "/notice").then().statusCode(404);
        given().auth().oauth2(S22_STAFF).get("/reception-days/" + day1 + "/sign-in-sheet").then().statusCode(404);
        given().auth().oauth2(C211_LIAISON).get("/reception-days/" + day1 + "/sign-in-sheet").then().statusCode(403);
        given().auth().oauth2(S21_STAFF).get("/reception-days/" + UUID.randomUUID() + "/notice").then().statusCode(404);
    }

    @Test
    void theJurisdictionsDutyArchiveHasEveryRepresentativesYear() {
        JsonPath r = given().auth().oauth2(S21_STAFF).queryParam("year", 2025).get("/reports/duty-archive").then()
                .statusCode(200).extract().jsonPath();
        assertThat(r.getInt("total")).isEqualTo(4); // N is next door
        assertThat(r.getList("rows.name")).containsExactly("乙代表", "甲代表", "丙党代表", "丁委员");
        Map<String, Object> rowA = r.getMap("rows[1]");
        assertThat(rowA).containsEntry("kindLabel", "区人大代表").containsEntry("receptionDaysAssigned", 2)
                .containsEntry("receptionDaysAttended", 1).containsEntry("receptionDaysAbsent", 1)
                .containsEntry("suggestionsRaised", 1).containsEntry("suggestionsAnswered", 1)
                .containsEntry("suggestionsAnsweredOnTime", 1).doesNotContainKey("phone");
        assertThat(r.getMap("rows[1].countsByType")).containsEntry("VISIT", 1).containsEntry("RECEPTION", 1)
                .containsEntry("SUGGESTION", 1).containsEntry("SURVEY", 0);
        assertThat(r.getMap("rows[0]")).containsEntry("receptionDaysAssigned", 2).containsEntry("receptionDaysAttended", 2)
                .containsEntry("suggestionsAnsweredOnTime", 0);
        assertThat(r.getMap("rows[3]")).containsEntry("receptionDaysAssigned", 1); // the declined day is not assigned

        given().auth().oauth2(S21_STAFF).queryParam("year", 2025).queryParam("size", 2).queryParam("page", 1)
                .get("/reports/duty-archive").then().statusCode(200).body("total", is(4))
                .body("rows.name", contains("丙党代表", "丁委员"));
        given().auth().oauth2(S21_STAFF).queryParam("year", 2025).queryParam("kind", "CPPCC_MEMBER")
                .get("/reports/duty-archive").then().statusCode(200).body("total", is(1))
                .body("rows.name", contains("丁委员"));
        given().auth().oauth2(C211_STAFF).queryParam("year", 2025).get("/reports/duty-archive").then().statusCode(200)
                .body("rows.name", contains("甲代表", "丙党代表"));
    }

    @Test
    void theArchiveWorkbookIsReadBackWithChineseHeaders() throws Exception {
        byte[] xlsx = given().auth().oauth2(S21_STAFF).queryParam("year", 2025).get("/reports/duty-archive.xlsx").then()
                .statusCode(200).contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", containsString("filename*=UTF-8''"))
                .extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheet("代表履职情况");
            assertThat(sheet).isNotNull();
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header).containsExactly("姓名", "类别", "级别", "选区代码", "联络站", "任期开始", "任期结束", "在任",
                    "联系选民", "调研", "走访", "座谈", "视察", "检查", "接待来访", "意见建议", "安排接访日", "参加接访日",
                    "缺席接访日", "提出建议", "建议已答复", "建议按时答复");
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            Map<String, Row> byName = new HashMap<>();
            for (int i = 1; i <= 4; i++) {
                byName.put(sheet.getRow(i).getCell(0).getStringCellValue(), sheet.getRow(i));
            }
            assertThat(byName).containsOnlyKeys("甲代表", "乙代表", "丙党代表", "丁委员");
            Row rowA = byName.get("甲代表");
            assertThat(text(rowA, 1)).isEqualTo("区人大代表");
            assertThat(text(rowA, 2)).isEqualTo("区级");
            assertThat(text(rowA, 3)).isEqualTo(C211);
            assertThat(text(rowA, 7)).isEqualTo("是");
            assertThat(number(rowA, 10)).isEqualTo(1); // 走访
            assertThat(number(rowA, 14)).isEqualTo(1); // 接待来访
            assertThat(number(rowA, 16)).isEqualTo(2); // 安排接访日
            assertThat(number(rowA, 17)).isEqualTo(1);
            assertThat(number(rowA, 18)).isEqualTo(1);
            assertThat(number(rowA, 21)).isEqualTo(1);
            assertThat(text(byName.get("乙代表"), 2)).isEqualTo("市级");
            assertThat(number(byName.get("乙代表"), 14)).isEqualTo(2); // one reception here, one next door
            assertThat(text(byName.get("丁委员"), 2)).isEmpty();
        }

        // One representative's yearly workbook lists the absence.
        byte[] one = given().auth().oauth2(S21_STAFF).queryParam("year", 2025).get("/duty-archive/" + a + "/summary.xlsx")
                .then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(one))) {
            Sheet absences = wb.getSheet("缺席记录");
            assertThat(absences).isNotNull();
            assertThat(absences.getLastRowNum()).isEqualTo(1);
            assertThat(text(absences.getRow(1), 0)).isEqualTo("2025-04-12");
            assertThat(text(absences.getRow(1), 1)).isEqualTo(C211);
        }
    }

    /** A district with 3,000 representatives: the export reads them through the cursor in several fetches. */
    @Test
    void aLargeJurisdictionsExportHasEveryRowInOrder() {
        String d3 = "310106000000";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into representative (id, name, kind, level, term_start, term_end, constituency_code, active,
                    created_at, updated_at)
                select gen_random_uuid(), '委员' || lpad(i::text, 5, '0'), 'CPPCC_MEMBER', null, date '2022-01-01',
                       date '2026-12-31', '310106001001', i % 2 = 0, now(), now()
                from generate_series(1, 3000) i""").executeUpdate());
        String token = TestTokens.of("d3", "district-staff", d3);
        byte[] xlsx = given().auth().oauth2(token).queryParam("year", 2025).get("/reports/duty-archive.xlsx").then()
                .statusCode(200).extract().asByteArray();
        List<List<String>> rows = org.minqing.kit.export.XlsxReader.read(xlsx).get("代表履职情况");
        assertThat(rows).hasSize(1 + 3000);
        assertThat(rows.get(1).subList(0, 2)).containsExactly("委员00001", "政协委员");
        assertThat(rows.get(1).get(7)).isEqualTo("否");
        assertThat(rows.get(2).get(7)).isEqualTo("是");
        assertThat(rows.get(3000).get(0)).isEqualTo("委员03000");
        given().auth().oauth2(token).queryParam("year", 2025).queryParam("size", 500).queryParam("page", 5)
                .get("/reports/duty-archive").then().statusCode(200).body("total", is(3000)).body("rows", hasSize(500))
                .body("rows[499].name", is("委员03000"));
    }

    private static List<Integer> kind(JsonPath r, int i) {
        String k = "attendance.byKind[" + i + "].";
        return List.of(r.getInt(k + "rostered"), r.getInt(k + "attended"), r.getInt(k + "absent"), r.getInt(k + "declined"),
                r.getInt(k + "representatives"));
    }

    private static void problem(io.restassured.response.Response response, int status, String field) {
        var then = response.then().statusCode(status).contentType(containsString("application/problem+json"));
        if (field != null) {
            then.body("errors.field", hasItem(field)).body("titleZh", not(nullValue()));
        }
    }

    private static String text(Row row, int i) {
        Cell c = row.getCell(i);
        return c == null ? "" : c.getStringCellValue();
    }

    private static double number(Row row, int i) {
        Cell c = row.getCell(i);
        assertThat(c.getCellType()).isEqualTo(CellType.NUMERIC);
        return c.getNumericCellValue();
    }

    private void rep(UUID id, String name, String kind, String level, String code) {
        em.createNativeQuery("""
                insert into representative (id, name, kind, level, term_start, term_end, constituency_code, liaison_station,
                    active, created_at, updated_at)
                values (:id, :name, :kind, nullif(:level, ''), date '2022-01-01', date '2031-12-31', :code, :station, true, now(), now())""")
                .setParameter("id", id).setParameter("name", name).setParameter("kind", kind).setParameter("level", level == null ? "" : level)
                .setParameter("code", code).setParameter("station", "联络站" + code).executeUpdate();
    }

    private void day(UUID id, String community, String date, String status, String place) {
        em.createNativeQuery("""
                insert into reception_day (id, community_code, day, start_time, end_time, place, status, cancel_reason,
                    created_at, updated_at)
                values (:id, :c, cast(:d as date), time '09:00', time '11:30', :place, :status, nullif(:reason, ''), now(), now())""")
                .setParameter("id", id).setParameter("c", community).setParameter("d", date).setParameter("place", place)
                .setParameter("status", status).setParameter("reason", "CANCELLED".equals(status) ? "场地维修" : "")
                .executeUpdate();
    }

    private void slot(UUID day, UUID rep, String status, boolean attended, boolean absent, String reason) {
        em.createNativeQuery("""
                insert into roster_slot (id, reception_day_id, representative_id, status, decline_reason, attended, absent)
                values (:id, :day, :rep, :status, nullif(:reason, ''), :attended, :absent)""")
                .setParameter("id", UUID.randomUUID()).setParameter("day", day).setParameter("rep", rep)
                .setParameter("status", status).setParameter("reason", reason == null ? "" : reason).setParameter("attended", attended)
                .setParameter("absent", absent).executeUpdate();
    }

    private void record(UUID rep, String type, String date, String community, UUID day, String route, boolean answered,
            Boolean onTime, String... cases) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                insert into duty_record (id, representative_id, type, day, source, community_code, reception_day_id,
                    referral_id, route, answered, answered_on_time, created_at, updated_at)
                values (:id, :rep, :type, cast(:d as date), :source, :c, cast(nullif(:day, '') as uuid), nullif(:ref, ''),
                    nullif(:route, ''), :answered, cast(nullif(:onTime, '') as boolean), :at, :at)""")
                .setParameter("id", id).setParameter("rep", rep).setParameter("type", type).setParameter("d", date)
                .setParameter("source", "VISIT".equals(type) ? "MANUAL" : "EVENT").setParameter("c", community)
                .setParameter("day", day == null ? "" : day.toString()).setParameter("ref", "SUGGESTION".equals(type) ? "ref-" + id : "")
                .setParameter("route", route == null ? "" : route).setParameter("answered", answered)
                .setParameter("onTime", onTime == null ? "" : onTime.toString())
                .setParameter("at", Instant.now()).executeUpdate();
        for (String c : cases) {
            em.createNativeQuery("insert into duty_record_case (duty_record_id, case_id) values (:id, :c)")
                    .setParameter("id", id).setParameter("c", c + "-" + suffix).executeUpdate();
        }
    }
}
