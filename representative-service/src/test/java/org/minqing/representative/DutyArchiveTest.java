package org.minqing.representative;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.minqing.representative.Fixtures.C11;
import static org.minqing.representative.Fixtures.C11_STAFF;
import static org.minqing.representative.Fixtures.C12_STAFF;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.Topics;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.events.intake.IntakeChannel;
import org.minqing.events.intake.Satisfaction;
import org.minqing.events.intake.Urgency;
import org.minqing.events.referral.ReferralClosed;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.events.referral.Route;
import org.minqing.kit.time.AppClock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The duty archive (履职档案) fills itself from intake and referral events exactly once, keeps
 * to its owner, records absences, and exports a workbook that POI opens with the right numbers.
 */
@QuarkusTest
class DutyArchiveTest {

    static final Actor INTAKE = new Actor("c11", "community-staff");

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Test
    void theArchiveIsFilledFromEventsExactlyOnce() throws Exception {
        List<UUID> trio = Fixtures.trio("档案");
        UUID npc = trio.get(0);
        UUID party = trio.get(1);
        UUID cppcc = trio.get(2);
        LocalDate date = clock.today().plusDays(3);
        UUID day = Fixtures.schedule(C11_STAFF, Fixtures.day(C11, date, "09:00", "11:00", List.of(npc, party)));

        String case1 = "case-" + UUID.randomUUID();
        String case2 = "case-" + UUID.randomUUID();
        EventEnvelope first = caseRecorded(case1, IntakeChannel.RECEPTION_DAY, day, List.of(npc, party));
        EventEnvelope feedback = EventEnvelope.of(EventType.CASE_FEEDBACK_GIVEN, C11, case1, null, Actor.PUBLIC,
                new FeedbackGiven(case1, Satisfaction.SATISFIED, null, Instant.now()));
        EventEnvelope hotline = caseRecorded("case-" + UUID.randomUUID(), IntakeChannel.HOTLINE, null, List.of(cppcc));
        // The same event twice (a redelivery), a second case the same day, a later event on case 1's key.
        Fixtures.send(Topics.CASE.topic(), first, first,
                caseRecorded(case2, IntakeChannel.RECEPTION_DAY, day, List.of(npc)), feedback, hotline);

        await().atMost(Duration.ofSeconds(60)).until(() -> processed(feedback.eventId()) && processed(hotline.eventId())
                && caseIdsOf(npc, "RECEPTION").size() == 2);
        assertThat(count(npc, "RECEPTION")).isEqualTo(1);
        assertThat(caseIdsOf(npc, "RECEPTION")).containsExactlyInAnyOrder(case1, case2);
        assertThat(count(party, "RECEPTION")).isEqualTo(1);
        assertThat(caseIdsOf(party, "RECEPTION")).containsExactly(case1);
        assertThat(count(cppcc, "RECEPTION")).isZero();

        // A representative's suggestion follows the referral until it is answered.
        String referral = "ref-" + UUID.randomUUID();
        EventEnvelope referred = referralEvent(EventType.REFERRAL_REFERRED, referral, Instant.now(),
                new ReferralReferred(referral, case1, Route.INTER_SESSION_SUGGESTION, "8d2e4f10-2b02-4d7a-8b02-000000000002",
                        "市住房和城乡建设管理委员会", npc.toString(), clock.today().plusMonths(3), false));
        EventEnvelope community = referralEvent(EventType.REFERRAL_REFERRED, "ref-" + UUID.randomUUID(), Instant.now(),
                new ReferralReferred("x", case2, Route.COMMUNITY, "u", "社区居委会", null, clock.today().plusDays(15), false));
        Fixtures.send(Topics.REFERRAL.topic(), referred, referred, community,
                referralEvent(EventType.REFERRAL_REPLIED, referral, Instant.now(),
                        new ReferralReplied(referral, case1, "8d2e4f10-2b02-4d7a-8b02-000000000002", "已列入改造计划", Instant.now(), true)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "ANSWERED".equals(suggestionStatus(referral)) && processed(community.eventId()));
        assertThat(count(npc, "SUGGESTION")).isEqualTo(1);
        Fixtures.send(Topics.REFERRAL.topic(), referralEvent(EventType.REFERRAL_CLOSED, referral, Instant.now(),
                new ReferralClosed(referral, case1, "已答复", Satisfaction.SATISFIED)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "CLOSED".equals(suggestionStatus(referral)));

        // The representative reads their own archive; nobody else's staff or fellow representatives can.
        given().auth().oauth2(Fixtures.repToken(npc)).get("/duty-archive/" + npc).then().statusCode(200)
                .body("records", hasSize(2))
                .body("records.find { it.type == 'SUGGESTION' }.answeredOnTime", is(true))
                .body("records.find { it.type == 'SUGGESTION' }.suggestionStatus", is("CLOSED"))
                .body("records.find { it.type == 'RECEPTION' }.receptionDayId", is(day.toString()))
                .body("records.find { it.type == 'RECEPTION' }.caseIds", hasSize(2));
        given().auth().oauth2(C11_STAFF).get("/duty-archive/" + npc).then().statusCode(200);
        given().auth().oauth2(Fixtures.repToken(party)).get("/duty-archive/" + npc).then().statusCode(404);
        given().auth().oauth2(C12_STAFF).get("/duty-archive/" + npc).then().statusCode(404);
        given().auth().oauth2(C12_STAFF).get("/duty-archive/" + npc + "/summary.xlsx").then().statusCode(404);
        given().auth().oauth2(Fixtures.repToken(party)).contentType(ContentType.JSON)
                .body(Map.of("type", "VISIT", "date", clock.today().toString()))
                .post("/duty-archive/" + npc + "/records").then().statusCode(404);
    }

    @Test
    void absencesAndTheYearlyWorkbookHoldTheExpectedNumbers() throws Exception {
        UUID x = Fixtures.register("许履职", "NPC_DEPUTY", C11);
        UUID y = Fixtures.register("杨缺席", "PARTY_DELEGATE", C11);
        LocalDate date = clock.today().plusDays(1);
        UUID day = Fixtures.schedule(C11_STAFF, Fixtures.day(C11, date, "09:00", "11:00", List.of(x, y)));
        given().auth().oauth2(Fixtures.repToken(x)).post("/reception-days/" + day + "/confirm").then().statusCode(200);
        given().auth().oauth2(Fixtures.repToken(y)).post("/reception-days/" + day + "/confirm").then().statusCode(200);

        Instant onTheDay = date.atTime(LocalTime.NOON).atZone(AppClock.ZONE).toInstant();
        String case1 = "case-" + UUID.randomUUID();
        EventEnvelope received = caseRecorded(case1, IntakeChannel.RECEPTION_DAY, day, List.of(x));
        Fixtures.send(Topics.CASE.topic(), received, received);
        String r1 = "ref-" + UUID.randomUUID();
        String r2 = "ref-" + UUID.randomUUID();
        String r3 = "ref-" + UUID.randomUUID();
        Fixtures.send(Topics.REFERRAL.topic(),
                referralEvent(EventType.REFERRAL_REFERRED, r1, onTheDay, referred(r1, case1, Route.REPRESENTATIVE_CONTACT, x)),
                referralEvent(EventType.REFERRAL_REPLIED, r1, onTheDay, new ReferralReplied(r1, case1, "u", "已处理", onTheDay, true)),
                referralEvent(EventType.REFERRAL_REFERRED, r2, onTheDay, referred(r2, case1, Route.SESSION_SUGGESTION, x)),
                referralEvent(EventType.REFERRAL_REPLIED, r2, onTheDay, new ReferralReplied(r2, case1, "u", "逾期答复", onTheDay, false)),
                referralEvent(EventType.REFERRAL_REFERRED, r3, onTheDay, referred(r3, case1, Route.INTER_SESSION_SUGGESTION, x)));
        await().atMost(Duration.ofSeconds(60)).until(() -> "ANSWERED".equals(suggestionStatus(r1))
                && "ANSWERED".equals(suggestionStatus(r2)) && "REFERRED".equals(suggestionStatus(r3))
                && count(x, "RECEPTION") == 1);

        clock.setOffset(Duration.ofDays(2));
        try {
            // Manual records: by the representative and by staff; dated the reception day.
            given().auth().oauth2(Fixtures.repToken(x)).contentType(ContentType.JSON)
                    .body(Map.of("type", "VISIT", "date", date.toString(), "place", "泾水公寓40号", "notes", "走访独居老人"))
                    .post("/duty-archive/" + x + "/records").then().statusCode(201).body("typeLabel", is("走访"));
            given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                    .body(Map.of("type", "SURVEY", "date", date.toString(), "participants", "社区居委会、物业"))
                    .post("/duty-archive/" + x + "/records").then().statusCode(201);
            // A future date, an event-only type and oversized notes are refused.
            given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                    .body(Map.of("type", "RECEPTION", "date", clock.today().plusDays(5).toString(), "notes", "x".repeat(2001)))
                    .post("/duty-archive/" + x + "/records").then().statusCode(400)
                    .body("errors.field", hasItem("notes"));
            given().auth().oauth2(C11_STAFF).contentType(ContentType.JSON)
                    .body(Map.of("type", "RECEPTION", "date", clock.today().plusDays(5).toString()))
                    .post("/duty-archive/" + x + "/records").then().statusCode(400)
                    .body("errors.field", hasItem("type")).body("errors.field", hasItem("date"));

            // The day is over: Y confirmed but never came.
            given().auth().oauth2(C11_STAFF).post("/reception-days/" + day + "/absences").then().statusCode(200)
                    .body("recorded", is(1));
            given().auth().oauth2(C11_STAFF).post("/reception-days/" + day + "/absences").then().statusCode(200)
                    .body("recorded", is(0));
            given().auth().oauth2(Fixtures.repToken(y)).get("/duty-archive/" + y).then().statusCode(200)
                    .body("absences.receptionDayId", hasItem(day.toString()));
            long absenceEvents = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from outbox_event where message_key = :k and event_type = 'representative.reception-day.absence-recorded'")
                    .setParameter("k", day.toString()).getSingleResult()).longValue());
            assertThat(absenceEvents).isEqualTo(1);

            int year = date.getYear();
            byte[] xlsx = given().auth().oauth2(Fixtures.repToken(x)).queryParam("year", year)
                    .get("/duty-archive/" + x + "/summary.xlsx").then().statusCode(200)
                    .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    .extract().asByteArray();
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
                Sheet sheet = wb.getSheet("履职统计");
                assertThat(sheet).isNotNull();
                Map<String, Double> numbers = new HashMap<>();
                for (Row row : sheet) {
                    if (row.getCell(0) != null && row.getCell(1) != null
                            && row.getCell(1).getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                        numbers.put(row.getCell(0).getStringCellValue(), row.getCell(1).getNumericCellValue());
                    }
                }
                assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("许履职").contains("年度履职情况");
                assertThat(numbers).containsEntry("接待来访", 1.0).containsEntry("意见建议", 3.0)
                        .containsEntry("走访", 1.0).containsEntry("调研", 1.0).containsEntry("视察", 0.0)
                        .containsEntry("安排接访日", 1.0).containsEntry("参加接访日", 1.0).containsEntry("缺席接访日", 0.0)
                        .containsEntry("提出建议", 3.0).containsEntry("建议已答复", 2.0).containsEntry("建议按时答复", 1.0);
                assertThat(wb.getSheet("履职明细").getPhysicalNumberOfRows()).isEqualTo(1 + 6);
            }
            given().auth().oauth2(C11_STAFF).queryParam("year", year).get("/duty-archive/" + y + "/summary").then()
                    .statusCode(200).body("receptionDaysAssigned", is(1)).body("receptionDaysAttended", is(0))
                    .body("receptionDaysAbsent", is(1));
            given().auth().oauth2(C11_STAFF).queryParam("year", year).get("/duty-archive/" + x + "/summary.html").then()
                    .statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("许履职 " + year + " 年度履职情况")).body(containsString("建议按时答复"));
        } finally {
            clock.setOffset(Duration.ZERO);
        }
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheArchiveCarriesOn() throws Exception {
        UUID rep = Fixtures.register("毒丸代表", "NPC_DEPUTY", C11);
        String caseId = "case-" + UUID.randomUUID();
        Fixtures.sendRaw(Topics.CASE.topic(), caseId, "{not an envelope");
        Fixtures.send(Topics.CASE.topic(), caseRecorded(caseId, IntakeChannel.RECEPTION_DAY, null, List.of(rep)));
        await().atMost(Duration.ofSeconds(60)).until(() -> count(rep, "RECEPTION") == 1);
        var dead = Fixtures.records(Topics.CASE.dlt("representative"), caseId, 1);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo("{not an envelope");
        // Without a known reception day, the record is dated by the case and kept per community.
        given().auth().oauth2(C11_STAFF).get("/duty-archive/" + rep).then().statusCode(200)
                .body("records[0].caseIds", hasItem(caseId)).body("records[0].communityCode", is(C11));
    }

    @Test
    void voterContactsAreEncryptedAndShownInFullOnlyToTheirRepresentative() {
        UUID x = Fixtures.register("联系代表", "CPPCC_MEMBER", C11);
        given().auth().oauth2(Fixtures.repToken(x)).contentType(ContentType.JSON)
                .body(Map.of("name", "张阿姨", "phone", "13812341234", "address", "泾水公寓78号"))
                .post("/duty-archive/" + x + "/voter-contacts").then().statusCode(201).body("name", is("张阿姨"));
        given().auth().oauth2(Fixtures.repToken(x)).get("/duty-archive/" + x + "/voter-contacts").then().statusCode(200)
                .body("[0].phone", is("13812341234"));
        given().auth().oauth2(C11_STAFF).get("/duty-archive/" + x + "/voter-contacts").then().statusCode(200)
                .body("[0].phone", is("138****1234")).body("[0].name", is("张**")).body("[0].contactMasked", is(true));
        given().auth().oauth2(C12_STAFF).get("/duty-archive/" + x + "/voter-contacts").then().statusCode(404);
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select phone_enc from voter_contact where representative_id = :r").setParameter("r", x)
                .getSingleResult());
        assertThat(stored).doesNotContain("13812341234");
        given().auth().oauth2(Fixtures.repToken(x)).contentType(ContentType.JSON)
                .body(Map.of("name", "李".repeat(51), "phone", "123"))
                .post("/duty-archive/" + x + "/voter-contacts").then().statusCode(400)
                .body("errors.field", hasItem("name")).body("errors.field", hasItem("phone"))
                .body("title", containsString("请求数据无效"));
    }

    private static ReferralReferred referred(String id, String caseId, Route route, UUID rep) {
        return new ReferralReferred(id, caseId, route, "8d2e4f10-2b02-4d7a-8b02-000000000002", "市规划和自然资源局",
                rep.toString(), LocalDate.now(AppClock.ZONE).plusMonths(3), false);
    }

    private static EventEnvelope caseRecorded(String caseId, IntakeChannel channel, UUID day, List<UUID> reps) {
        return EventEnvelope.of(EventType.CASE_RECORDED, C11, caseId, null, INTAKE, new CaseRecorded(caseId,
                channel, C11, "HOUSING", "泾水公寓84号", null, null, "高层遮挡采光",
                120, 300, true, Urgency.NORMAL, day == null ? null : day.toString(),
                reps.stream().map(UUID::toString).toList(), 3, false, true, Instant.now()));
    }

    /** Built by hand so the event can be dated (the envelope's occurredAt dates the suggestion). */
    private static EventEnvelope referralEvent(EventType type, String referralId, Instant at, Object payload) {
        EventEnvelope e = EventEnvelope.of(type, C11, referralId, null, Actor.system("referral-service"), payload);
        return new EventEnvelope(e.eventId(), e.type(), e.schemaVersion(), at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                e.jurisdiction(), e.aggregateType(), e.aggregateId(), e.correlationId(), e.actor(), e.payload());
    }

    private boolean processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from processed_event where event_id = :e").setParameter("e", eventId)
                .getSingleResult()).longValue() == 1);
    }

    private long count(UUID rep, String type) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("select count(*) from duty_record where representative_id = :r and type = :t")
                .setParameter("r", rep).setParameter("t", type).getSingleResult()).longValue());
    }

    private List<String> caseIdsOf(UUID rep, String type) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select c.case_id from duty_record_case c join duty_record d on d.id = c.duty_record_id
                where d.representative_id = :r and d.type = :t""", String.class)
                .setParameter("r", rep).setParameter("t", type).getResultList());
    }

    private String suggestionStatus(String referralId) {
        List<String> s = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select suggestion_status from duty_record where referral_id = :r", String.class)
                .setParameter("r", referralId).getResultList());
        return s.isEmpty() ? null : s.get(0);
    }

    @SuppressWarnings("unused")
    private static String json(Object o) throws Exception {
        return Events.mapper().writeValueAsString(o);
    }
}
