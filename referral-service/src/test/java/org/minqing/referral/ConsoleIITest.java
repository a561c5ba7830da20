package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.minqing.referral.Fixtures.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;
import org.minqing.events.EventType;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.ReferralOverdue;
import org.minqing.kit.export.XlsxReader;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.service.DeadlineScheduler;
import org.minqing.referral.service.WorkingCalendar;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 13 (staff console II), referral's part: open work, the ranked scoreboard and its export,
 * the work report's rates, 督办单 with a reply-by date (validated, watched, escalated), the printed
 * documents' data and the streamed queue export, on a known set in a sub-district of its own.
 */
@QuarkusTest
class ConsoleIITest {

    @Inject
    AppClock clock;

    @Inject
    WorkingCalendar calendar;

    @Inject
    DeadlineScheduler scheduler;

    @Inject
    EntityManager em;

    /** A sub-district no other test class uses (ReportTest takes 300-899). */
    private static String freshSubdistrict(int base) {
        return "310104" + (base + ThreadLocalRandom.current().nextInt(50)) + "000";
    }

    private static String unit(String sub, String name) {
        String unitId = UUID.randomUUID().toString();
        given().auth().oauth2(OPS).contentType("application/json")
                .body(Map.of("name", name, "tier", "SUBDISTRICT", "lines", "*", "jurisdiction", sub))
                .put("/units/" + unitId).then().statusCode(200);
        return unitId;
    }

    private static byte[] xlsx(String token, String path, Map<String, ?> query) {
        return given().auth().oauth2(token).queryParams(query).get(path).then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("filename*=UTF-8''"))
                .extract().asByteArray();
    }

    @Test
    void openWorkScoreboardWorkReportAndExportsOnAKnownSet() {
        String sub = freshSubdistrict(900);
        String c1 = sub.substring(0, 9) + "001";
        String unitId = unit(sub, "测试街道综合办");
        String unitToken = TestTokens.handlingUnit("unit.c2", unitId, sub);
        String staff = TestTokens.of("sub-c2", "subdistrict-staff", sub);
        // a: waits for routing; b: referred, not accepted; c: accepted and replied on time
        String a = referralIdForCase(recordCase(c1, "housing", null, randomText(30)));
        String b = referralIdForCase(recordCase(c1, "transport", null, randomText(30)));
        String c = referralIdForCase(recordCase(c1, "housing", null, randomText(30)));
        for (String r : new String[] { b, c }) {
            given().auth().oauth2(staff).contentType("application/json")
                    .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", unitId))
                    .post("/referrals/" + r + "/route").then().statusCode(200);
        }
        given().auth().oauth2(unitToken).contentType("application/json").body(Map.of()).post("/referrals/" + c + "/accept")
                .then().statusCode(200);
        given().auth().oauth2(unitToken).contentType("application/json").body(Map.of("reply", "已办理"))
                .post("/referrals/" + c + "/reply").then().statusCode(200);
        given().auth().oauth2(staff).contentType("application/json").body(Map.of("note", "请尽快签收"))
                .post("/referrals/" + b + "/supervision").then().statusCode(200);

        // open work today: nothing is near its deadline yet (acknowledge in 15 days)
        given().auth().oauth2(staff).get("/reports/open-work").then().statusCode(200)
                .body("jurisdiction", is(sub)).body("open", is(3))
                .body("byStatus.TO_ROUTE", is(1)).body("byStatus.REFERRED", is(1)).body("byStatus.REPLIED", is(1))
                .body("byStatus.CLOSED", nullValue())
                .body("byTier.UNROUTED", is(1)).body("byTier.SUBDISTRICT", is(2))
                .body("overdue", is(0)).body("approaching", is(0)).body("escalated", is(0))
                .body("supervisionsOpen", is(1)).body("supervisionsOverdue", is(0)).body("items.size()", is(0));
        // 30 days on: a and b are past their acknowledge date (c is replied); a escalated by the watch
        try {
            clock.setOffset(Duration.ofDays(30));
            scheduler.checkOne(UUID.fromString(a));
            given().auth().oauth2(staff).get("/reports/open-work").then().statusCode(200)
                    .body("overdue", is(2)).body("approaching", is(0)).body("escalated", is(1))
                    .body("supervisionsOverdue", is(1))
                    .body("items.size()", is(2)).body("items.state", everyItemIs("OVERDUE"))
                    .body("items.referralId", hasItem(a)).body("items.referralId", hasItem(b))
                    .body("items.deadlineKind", everyItemIs("ACKNOWLEDGE"));
        } finally {
            clock.setOffset(Duration.ZERO);
        }
        // the district sees the same numbers for this sub-district; a neighbour may not ask
        given().auth().oauth2(DISTRICT).queryParam("jurisdiction", sub).get("/reports/open-work").then().statusCode(200)
                .body("open", is(3));
        given().auth().oauth2(SUB1).queryParam("jurisdiction", sub).get("/reports/open-work").then().statusCode(403);
        given().auth().oauth2(SUB1).get("/reports/open-work").then().statusCode(200)
                .body("items.referralId", not(hasItem(a)));
        given().auth().oauth2(staff).queryParam("jurisdiction", "31010").get("/reports/open-work").then().statusCode(400)
                .body("errors.field", hasItem("jurisdiction"));
        given().auth().oauth2(unitToken).get("/reports/open-work").then().statusCode(403);

        // the scoreboard: one unit, 2 referred, 1 accepted in time, 1 replied on time; ranked
        LocalDate today = clock.today();
        Map<String, String> period = Map.of("from", today.toString(), "to", today.toString());
        given().auth().oauth2(staff).queryParams(period).queryParam("sort", "overdue").get("/reports/units").then()
                .statusCode(200).body("size()", is(1)).body("[0].rank", is(1)).body("[0].unitName", is("测试街道综合办"))
                .body("[0].referred", is(2)).body("[0].acceptedInTime", is(1)).body("[0].responseRate", is(0.5f))
                .body("[0].repliedOnTime", is(1)).body("[0].onTimeResolutionRate", is(0.5f));
        given().auth().oauth2(staff).queryParam("sort", "bogus").get("/reports/units").then().statusCode(422)
                .body("errors.field", hasItem("sort"));
        given().auth().oauth2(staff).queryParam("from", "2020-01-01").queryParam("to", "2026-01-01").get("/reports/units")
                .then().statusCode(422).body("errors.field", hasItem("to"));
        List<List<String>> board = XlsxReader.read(xlsx(staff, "/reports/units/export.xlsx", period)).get("承办单位记分牌");
        assertThat(board.get(0)).startsWith("排名", "承办单位", "层级", "转办件数", "按时签收", "响应率");
        assertThat(board).hasSize(2);
        assertThat(board.get(1)).startsWith("1", "测试街道综合办", "街道", "2", "1", "0.5");

        // the work report's rates: 3 referrals, 2 routed (sub-district), 1 handled, on time
        given().auth().oauth2(staff).queryParams(period).get("/reports/work").then().statusCode(200)
                .body("referrals", is(3)).body("routed", is(2)).body("routeGroups.subdistrict", is(2))
                .body("routeGroups.community", is(0)).body("routeGroups.beyond", is(0))
                .body("handled", is(1)).body("handledRate", is(0.5f)).body("handledOnTime", is(1))
                .body("onTimeRate", is(1.0f)).body("closed", is(0)).body("closedRate", is(0.0f))
                .body("supervisions", is(1));
        given().auth().oauth2(SUB1).queryParams(period).get("/reports/work").then().statusCode(200)
                .body("supervisions", org.hamcrest.Matchers.greaterThanOrEqualTo(0));

        // the queue as XLSX: the same scope and filters as the list
        List<List<String>> queue = XlsxReader.read(xlsx(staff, "/referrals/export.xlsx", Map.of())).get("转办队列");
        assertThat(queue.get(0)).startsWith("转办件编号", "案件编号", "社区代码", "条线", "状态");
        assertThat(queue).hasSize(4);
        assertThat(queue.stream().skip(1).map(r -> r.get(0))).containsExactlyInAnyOrder(a, b, c);
        List<List<String>> referred = XlsxReader.read(xlsx(staff, "/referrals/export.xlsx", Map.of("status", "REFERRED")))
                .get("转办队列");
        assertThat(referred).hasSize(2);
        assertThat(referred.get(1).get(0)).isEqualTo(b);
        assertThat(referred.get(1).get(4)).isEqualTo("已转办待签收");
        assertThat(referred.get(1).get(6)).isEqualTo("测试街道综合办");
        // the unit exports its own (b and c), a neighbour none of these
        List<List<String>> own = XlsxReader.read(xlsx(unitToken, "/referrals/export.xlsx", Map.of())).get("转办队列");
        assertThat(own.stream().skip(1).map(r -> r.get(0))).containsExactlyInAnyOrder(b, c);
        List<List<String>> neighbour = XlsxReader.read(xlsx(SUB2, "/referrals/export.xlsx", Map.of("line", "housing")))
                .get("转办队列");
        assertThat(neighbour.stream().skip(1).map(r -> r.get(0))).doesNotContain(a, b, c);
        given().auth().oauth2(REP()).get("/referrals/export.xlsx").then().statusCode(403);
    }

    private static String REP() {
        return TestTokens.representative("rep.npc", DemoRealm.REP_NPC, "310104001001");
    }

    private static org.hamcrest.Matcher<Iterable<? extends Object>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(is(value));
    }

    @Test
    void aSupervisionNoticeCarriesAWatchedReplyByDate() {
        String community = freshCommunity();
        String id = referralIdForCase(recordCase(community, "housing", "泾水公寓" + randomText(3), randomText(30)));
        route(id, "SUBDISTRICT_DEPARTMENT", DemoRealm.UNIT_HOUSING, null, false);
        given().auth().oauth2(HOUSING).contentType("application/json").body(Map.of()).post("/referrals/" + id + "/accept")
                .then().statusCode(200);
        LocalDate today = clock.today();
        LocalDate weekend = today.plusDays(1);
        while (calendar.isWorkingDay(weekend)) {
            weekend = weekend.plusDays(1);
        }
        LocalDate replyBy = calendar.plusWorkingDays(today, 2);
        // bad dates: 422 naming replyBy
        for (LocalDate bad : new LocalDate[] { today.minusDays(1), weekend, today.plusDays(61) }) {
            given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("note", "督办", "replyBy", bad.toString()))
                    .post("/referrals/" + id + "/supervision").then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", hasItem("replyBy"));
        }
        given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("note", "督办", "replyBy", "2999-01-01"))
                .post("/referrals/" + id + "/supervision").then().statusCode(422).body("errors.field", hasItem("replyBy"));
        // a neighbour sub-district may not supervise it; a unit may not at all
        given().auth().oauth2(SUB2).contentType("application/json").body(Map.of("note", "督办"))
                .post("/referrals/" + id + "/supervision").then().statusCode(404);
        given().auth().oauth2(HOUSING).contentType("application/json").body(Map.of("note", "督办"))
                .post("/referrals/" + id + "/supervision").then().statusCode(403);

        given().auth().oauth2(SUB1).contentType("application/json")
                .body(Map.of("note", "请于期限内答复", "replyBy", replyBy.toString()))
                .post("/referrals/" + id + "/supervision").then().statusCode(200)
                .body("replyBy", is(replyBy.toString())).body("respondBy", is(replyBy.toString()))
                .body("unitId", is(DemoRealm.UNIT_HOUSING)).body("answeredAt", nullValue()).body("overdue", is(false));
        assertThat(awaitEvent(id, EventType.REFERRAL_SUPERVISION_ISSUED)
                .payloadAs(org.minqing.events.referral.SupervisionIssued.class).respondBy()).isEqualTo(replyBy);
        given().auth().oauth2(HOUSING).get("/referrals/" + id + "/supervisions").then().statusCode(200)
                .body("size()", is(1)).body("[0].note", is("请于期限内答复"));
        given().auth().oauth2(SUB1).get("/supervisions").then().statusCode(200).body("referralId", hasItem(id));
        given().auth().oauth2(SUB2).get("/supervisions").then().statusCode(200).body("referralId", not(hasItem(id)));
        given().auth().oauth2(SUB1).queryParam("state", "late").get("/supervisions").then().statusCode(422)
                .body("errors.field", hasItem("state"));

        // the printed 转办单 / 督办单: referral, unit, the matter, the notice; the unit sees its own
        given().auth().oauth2(SUB1).get("/referrals/" + id + "/document").then().statusCode(200)
                .body("referral.id", is(id)).body("unit.id", is(DemoRealm.UNIT_HOUSING)).body("unit.name", not(nullValue()))
                .body("caseSummary.caseId", not(nullValue())).body("caseSummary.communityCode", is(community))
                .body("supervisions.size()", is(1)).body("issuer.jurisdiction", is("310104001000"));
        given().auth().oauth2(HOUSING).get("/referrals/" + id + "/document").then().statusCode(200);
        given().auth().oauth2(CITY).get("/referrals/" + id + "/document").then().statusCode(404);
        given().auth().oauth2(SUB2).get("/referrals/" + id + "/document").then().statusCode(404);

        // past the reply-by date, unanswered: flagged overdue, an overdue event of kind SUPERVISION, escalated
        String tierBefore = view(id).getString("watchTier");
        try {
            clock.setOffset(Duration.ofDays(replyBy.toEpochDay() - today.toEpochDay() + 1));
            assertThat(scheduler.checkOne(UUID.fromString(id))).isEqualTo(1);
            assertThat(scheduler.checkOne(UUID.fromString(id))).as("once").isZero();
            given().auth().oauth2(SUB1).queryParam("state", "overdue").get("/supervisions").then().statusCode(200)
                    .body("find { it.referralId == '" + id + "' }.overdue", is(true))
                    .body("find { it.referralId == '" + id + "' }.overdueFlaggedAt", not(nullValue()));
        } finally {
            clock.setOffset(Duration.ZERO);
        }
        ReferralOverdue overdue = awaitEvent(id, EventType.REFERRAL_OVERDUE).payloadAs(ReferralOverdue.class);
        assertThat(overdue.deadlineKind()).isEqualTo(DeadlineKind.SUPERVISION);
        assertThat(overdue.dueDate()).isEqualTo(replyBy);
        assertThat(view(id).getString("watchTier")).isNotEqualTo(tierBefore);
        awaitEvent(id, EventType.REFERRAL_ESCALATED);

        // the unit's progress note answers it: no longer open
        given().auth().oauth2(HOUSING).contentType("application/json").body(Map.of("note", "已安排维修"))
                .post("/referrals/" + id + "/progress").then().statusCode(200);
        given().auth().oauth2(SUB1).get("/supervisions").then().statusCode(200).body("referralId", not(hasItem(id)));
        given().auth().oauth2(SUB1).queryParam("state", "all").get("/supervisions").then().statusCode(200)
                .body("find { it.referralId == '" + id + "' }.answeredAt", not(nullValue()))
                .body("find { it.referralId == '" + id + "' }.overdue", is(false));
    }

    /**
     * A large-ish queue is exported whole and reads back row by row. The memory property is by
     * design (a server-side cursor with a fetch size, each row written to the zip as read; see
     * XlsxWriterTest for bytes leaving before the end); the 100,000-row run is in infra/bench.
     */
    @Test
    void aLargeQueueExportsWhole() {
        String sub = freshSubdistrict(950);
        String community = sub.substring(0, 9) + "007";
        int n = 3000;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into referral (id, case_id, community_code, subdistrict_code, line_code, description, urgency,
                    case_recorded_at, status, acknowledge_by, opened_at, watch_tier, watch_jurisdiction)
                select gen_random_uuid(), 'bulk-' || :sub || '-' || g, :c, :sub, 'housing', '批量诉求 ' || g, 'NORMAL',
                    now(), 'TO_ROUTE', current_date + 15, now(), 'SUBDISTRICT', :sub
                from generate_series(1, :n) g""").setParameter("sub", sub).setParameter("c", community)
                .setParameter("n", n).executeUpdate());
        String staff = TestTokens.of("sub-bulk", "subdistrict-staff", sub);
        List<List<String>> rows = XlsxReader.read(xlsx(staff, "/referrals/export.xlsx", Map.of())).get("转办队列");
        assertThat(rows).hasSize(n + 1);
        assertThat(rows.stream().skip(1).map(r -> r.get(1)).distinct().count()).isEqualTo(n);
        assertThat(rows.get(1).get(15)).startsWith("批量诉求");
        // more than a page of the list (500): the export is not the list's first page
        assertThat(n).isGreaterThan(500);
    }
}
