package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.Topics;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.representative.ReceptionDayCancelled;
import org.minqing.events.representative.ReceptionDayRescheduled;
import org.minqing.events.representative.RosterChanged;
import org.minqing.events.representative.ReceptionDayScheduled;
import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RepresentativeLevel;
import org.minqing.events.representative.RosterEntry;
import org.minqing.kit.time.AppClock;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A reception-day case end to end inside the service: the reception day arrives as an event, a
 * representative records a case for it, and CASE_RECORDED leaves through the outbox without any
 * of the visitor's personal data. Days intake does not know, or the wrong date, are refused.
 */
@QuarkusTest
class ReceptionDayCaseTest {

    @Inject
    AppClock clock;

    private String scheduleDay(LocalDate date) {
        String dayId = UUID.randomUUID().toString();
        send(Topics.RECEPTION_DAY.topic(), EventType.RECEPTION_DAY_SCHEDULED, C11, dayId,
                new ReceptionDayScheduled(dayId, C11, date, LocalTime.of(9, 0), LocalTime.of(11, 30), "泾水社区党群服务站",
                        List.of(new RosterEntry(REP_NPC, "李建国", RepresentativeKind.NPC_DEPUTY, RepresentativeLevel.DISTRICT),
                                new RosterEntry(REP_PARTY, "陈美华", RepresentativeKind.PARTY_DELEGATE, null))));
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ReceptionDay.findById(dayId) != null));
        return dayId;
    }

    private Map<String, Object> receptionCase(String dayId, String description) {
        Map<String, Object> body = caseBody(C11, description);
        body.put("channel", "RECEPTION_DAY");
        body.put("receptionDayId", dayId);
        body.put("households", 120);
        body.put("lineCode", "planning");
        body.put("receivingRepresentativeIds", List.of(REP_NPC, REP_PARTY));
        body.put("visitors", List.of(Map.of("name", "王秀英", "phone", PHONE, "idNumber", ID_NUMBER, "email", "wang@example.cn")));
        return body;
    }

    @Test
    void aReceptionDayCaseIsRecordedAndItsEventCarriesNoPersonalData() throws Exception {
        String dayId = scheduleDay(clock.today());
        io.restassured.response.Response created = as(rep()).contentType("application/json")
                .body(receptionCase(dayId, "高层建筑遮挡日照，120户居民反映")).post("/cases");
        String code = created.path("receiptCode");
        String caseId = created.then().statusCode(201)
                .body("channel", is("RECEPTION_DAY"))
                .body("groupPetition", is(true))
                .body("visitors[0].phone", is("138****1234"))
                .body("receiptCode", org.hamcrest.Matchers.matchesPattern("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"))
                .extract().path("id");

        ConsumerRecord<String, String> record = awaitRecord(Topics.CASE.topic(), caseId,
                v -> v.contains(EventType.CASE_RECORDED.type()), Duration.ofSeconds(60));
        assertThat(new String(record.headers().lastHeader("minqing-event-type").value())).isEqualTo("intake.case.recorded");
        assertThat(record.value()).doesNotContain(PHONE).doesNotContain(ID_NUMBER).doesNotContain("王秀英")
                .doesNotContain("wang@example.cn");
        // M3: nor the receipt code, the resident's credential.
        assertThat(record.value()).doesNotContain(code).doesNotContain(code.replace("-", "")).doesNotContain("receiptCode");
        EventEnvelope env = Events.mapper().readValue(record.value(), EventEnvelope.class);
        CaseRecorded event = env.payloadAs(CaseRecorded.class);
        assertThat(env.jurisdiction()).isEqualTo(C11);
        assertThat(event.receptionDayId()).isEqualTo(dayId);
        assertThat(event.receivingRepresentativeIds()).containsExactly(REP_NPC, REP_PARTY);
        assertThat(event.hasContact()).isTrue();
        assertThat(event.anonymous()).isFalse();
        assertThat(event.groupPetition()).isTrue();
        assertThat(event.households()).isEqualTo(120);
        assertThat(event.visitorCount()).isEqualTo(1);

        // At rest the visitor's data is ciphertext carrying its key id.
        String stored = QuarkusTransaction.requiringNew().call(() -> CaseVisitor.ofCase(UUID.fromString(caseId)).get(0).phoneEnc);
        assertThat(stored).startsWith("v2:local1:").doesNotContain(PHONE);
    }

    @Test
    void aRepresentativeOnTheRosterDefaultsToThemselves() {
        String dayId = scheduleDay(clock.today());
        Map<String, Object> body = receptionCase(dayId, "楼道照明损坏");
        body.remove("receivingRepresentativeIds");
        as(rep()).contentType("application/json").body(body).post("/cases").then().statusCode(201)
                .body("receivingRepresentativeIds", org.hamcrest.Matchers.contains(REP_NPC));
    }

    @Test
    void aReceptionDayIntakeDoesNotKnowIsRefused() {
        assertRefused(receptionCase(UUID.randomUUID().toString(), "未知接访日"), "receptionDayId", "unknown-reception-day");
    }

    @Test
    void aCaseOnAnotherDateThanTheReceptionDayIsRefused() {
        String dayId = scheduleDay(clock.today().minusDays(3));
        assertRefused(receptionCase(dayId, "日期不符"), "receivedOn", "not-the-reception-day");
    }

    @Test
    void aReceptionDayOfAnotherCommunityOrNotOnTheRosterIsRefused() {
        String dayId = scheduleDay(clock.today());
        Map<String, Object> other = receptionCase(dayId, "其他社区");
        other.put("communityCode", C12);
        assertRefusedNaming(staff(SUB1), other, "receptionDayId");
        Map<String, Object> notOnRoster = receptionCase(dayId, "不在名单");
        notOnRoster.put("receivingRepresentativeIds", List.of(REP_CPPCC));
        assertRefusedNaming(staff(C11), notOnRoster, "receivingRepresentativeIds");
    }

    @Test
    void aCancelledReceptionDayTakesNoCases() {
        String dayId = scheduleDay(clock.today());
        send(Topics.RECEPTION_DAY.topic(), EventType.RECEPTION_DAY_CANCELLED, C11, dayId,
                new ReceptionDayCancelled(dayId, C11, clock.today(), "暴雨预警"));
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ReceptionDay.<ReceptionDay>findById(dayId).cancelled));
        assertRefused(receptionCase(dayId, "已取消"), "receptionDayId", "reception-day-cancelled");
    }

    @Test
    void rosterChangesAndReschedulingAreFollowed() {
        String dayId = scheduleDay(clock.today().plusDays(7));
        // Moved to today: a case for today is now accepted.
        send(Topics.RECEPTION_DAY.topic(), EventType.RECEPTION_DAY_RESCHEDULED, C11, dayId,
                new ReceptionDayRescheduled(dayId, C11, clock.today(), LocalTime.of(14, 0), LocalTime.of(16, 0), "社区活动室", "场地调整"));
        // The CPPCC member joins the roster.
        send(Topics.RECEPTION_DAY.topic(), EventType.RECEPTION_DAY_ROSTER_CHANGED, C11, dayId,
                new RosterChanged(dayId, C11, clock.today(),
                        List.of(new RosterEntry(REP_NPC, "李建国", RepresentativeKind.NPC_DEPUTY, RepresentativeLevel.DISTRICT),
                                new RosterEntry(REP_CPPCC, "周文", RepresentativeKind.CPPCC_MEMBER, null)),
                        List.of(REP_CPPCC), List.of(REP_PARTY)));
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            ReceptionDay d = ReceptionDay.findById(dayId);
            return d.day.equals(clock.today()) && d.rosterIds().contains(REP_CPPCC);
        }));
        Map<String, Object> body = receptionCase(dayId, "改期后的接访");
        body.put("receivingRepresentativeIds", List.of(REP_CPPCC));
        as(staff(C11)).contentType("application/json").body(body).post("/cases").then().statusCode(201);
        Map<String, Object> removed = receptionCase(dayId, "已移出名单");
        removed.put("receivingRepresentativeIds", List.of(REP_PARTY));
        assertRefusedNaming(staff(C11), removed, "receivingRepresentativeIds");
    }

    @Test
    void anUnreadableReceptionDayEventIsDeadLetteredAndConsumptionGoesOn() {
        String key = UUID.randomUUID().toString();
        sendRaw(Topics.RECEPTION_DAY.topic(), key, "{not an envelope");
        awaitRecord(Topics.RECEPTION_DAY.dlt("intake"), key, v -> v.equals("{not an envelope"), Duration.ofSeconds(60));
        scheduleDay(clock.today());
    }

    /** 422 naming the field first. */
    private static void assertRefusedNaming(String token, Map<String, Object> body, String field) {
        as(token).contentType("application/json").body(body).post("/cases").then().statusCode(422)
                .body("errors[0].field", is(field));
    }

    private void assertRefused(Map<String, Object> body, String field, String slug) {
        String marker = unique("refused");
        body.put("description", body.get("description") + " " + marker);
        as(rep()).contentType("application/json").body(body).post("/cases").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", is("https://minqing.org/problems/" + slug))
                .body("errors[0].field", is(field));
        long written = QuarkusTransaction.requiringNew().call(() -> IntakeCase.count("description like ?1", "%" + marker));
        assertThat(written).isZero();
    }
}
