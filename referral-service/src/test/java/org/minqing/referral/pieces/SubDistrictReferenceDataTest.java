package org.minqing.referral.pieces;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.referral.CalendarYearChanged;
import org.minqing.events.referral.DeadlinePolicyChanged;
import org.minqing.referral.Fixtures;
import org.minqing.referral.service.DeadlinePolicies;
import org.minqing.referral.service.WorkingCalendar;
import org.minqing.referral.service.WorkingCalendar.CalendarDay;
import org.minqing.referral.service.WorkingCalendar.DayKind;
import org.minqing.referral.service.WorkingCalendar.PeriodUnit;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.Pieces;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Issue 14 (ADR 0021): sub-district 310104001's piece keeps the district's deadline policies and
 * working calendar from the district's events (its own tables, its own audit rows with the event's
 * actor), applies each event once, and refuses to change them itself.
 */
@QuarkusTest
@TestProfile(Pieces.SubDistrictPiece.class)
class SubDistrictReferenceDataTest {

    private static final Actor DISTRICT_STAFF = new Actor("dist", "district-staff");

    @Inject
    DeadlinePolicies policies;

    @Inject
    WorkingCalendar calendar;

    private static String probeKind() {
        // letters only (as the API admits), fresh per run: the test database outlives a run
        return "SYNC_PROBE_" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").toUpperCase();
    }

    private static EventEnvelope policyEvent(String kind, int amount) {
        return EventEnvelope.of(EventType.DEADLINE_POLICY_CHANGED, DemoRealm.DISTRICT, kind + "/*", null, DISTRICT_STAFF,
                new DeadlinePolicyChanged(kind + "/*", kind, "*", amount, DeadlinePolicyChanged.PeriodUnit.WORKING_DAYS,
                        "区级规定 / district rule"));
    }

    private static void send(String key, EventEnvelope env) {
        Fixtures.send(Topics.REFERENCE.topic(), key, Fixtures.json(env));
    }

    private static boolean processed(EventEnvelope env) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Arc.container().instance(EntityManager.class).get()
                .createNativeQuery("select count(*) from processed_event where event_id = :e")
                .setParameter("e", env.eventId()).getSingleResult()).longValue()) == 1;
    }

    private DeadlinePolicies.Policy policy(String kind) {
        return QuarkusTransaction.requiringNew().call(() -> policies.find(kind, "*"));
    }

    @Test
    void aDistrictPolicyEventIsAppliedOnceAndDeadlinesFollowIt() {
        String kind = probeKind();
        String key = kind + "/*";
        EventEnvelope first = policyEvent(kind, 7);
        send(key, first);
        await().atMost(Duration.ofSeconds(60)).until(() -> policy(kind) != null);
        assertThat(policy(kind)).isEqualTo(new DeadlinePolicies.Policy(kind, "*", 7, PeriodUnit.WORKING_DAYS,
                "区级规定 / district rule"));
        // deadlines here are computed on it: Monday 2031-03-03 + 7 working days = Wednesday 2031-03-12
        LocalDate from = LocalDate.of(2031, 3, 3);
        assertThat(QuarkusTransaction.requiringNew().call(() -> policies.due(kind, null, from)))
                .isEqualTo(calendar.plusWorkingDays(from, 7)).isEqualTo(LocalDate.of(2031, 3, 12));

        EventEnvelope second = policyEvent(kind, 9);
        send(key, second);
        await().atMost(Duration.ofSeconds(60)).until(() -> policy(kind).amount() == 9);
        assertThat(QuarkusTransaction.requiringNew().call(() -> policies.due(kind, null, from)))
                .isEqualTo(LocalDate.of(2031, 3, 14));

        // the first event redelivered (it would set 7 again), then the same values as now under a new id
        send(key, first);
        EventEnvelope sameAgain = policyEvent(kind, 9);
        send(key, sameAgain);
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(sameAgain)); // same key: handled after the replay
        assertThat(policy(kind).amount()).isEqualTo(9);

        List<Object[]> audit = Fixtures.auditRows("DEADLINE_POLICY", key);
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)[0]).isEqualTo("CREATE");
        assertThat(audit.get(0)[1]).isEqualTo("dist");
        assertThat(audit.get(0)[2]).isEqualTo("district-staff");
        assertThat(audit.get(0)[4].toString()).contains("\"amount\": 7");
        assertThat(audit.get(1)[0]).isEqualTo("UPDATE");
        assertThat(audit.get(1)[4].toString()).contains("\"amount\": 9");
    }

    @Test
    void aDistrictCalendarYearEventReplacesTheYearHereOnce() {
        int year = 2060 + ThreadLocalRandom.current().nextInt(25); // beyond the years other tests load, before 2088
        LocalDate monday = LocalDate.of(year, 6, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        String name = "同步测试" + ThreadLocalRandom.current().nextInt(100000);
        int auditBefore = Fixtures.auditRows("CALENDAR_YEAR", String.valueOf(year)).size();
        EventEnvelope event = EventEnvelope.of(EventType.CALENDAR_YEAR_CHANGED, DemoRealm.DISTRICT, String.valueOf(year), null,
                DISTRICT_STAFF, new CalendarYearChanged(String.valueOf(year), year, List.of(
                        new CalendarYearChanged.Day(monday, CalendarYearChanged.DayKind.HOLIDAY, name))));
        send(String.valueOf(year), event);

        List<CalendarDay> expected = List.of(new CalendarDay(monday, DayKind.HOLIDAY, name));
        await().atMost(Duration.ofSeconds(60)).until(() -> calendar.year(year).equals(expected));
        // the Monday is a rest day here now: one working day after the Friday before is the Tuesday
        given().auth().oauth2(Fixtures.SUB1).queryParam("from", monday.minusDays(3).toString()).queryParam("amount", 1)
                .queryParam("unit", "WORKING_DAYS").get("/calendar/deadline").then().statusCode(200)
                .body("due", is(monday.plusDays(1).toString()));

        // redelivered, then a copy under a new id: neither changes anything nor adds an audit row
        send(String.valueOf(year), event);
        EventEnvelope copy = EventEnvelope.of(EventType.CALENDAR_YEAR_CHANGED, DemoRealm.DISTRICT, String.valueOf(year), null,
                DISTRICT_STAFF, event.payloadAs(CalendarYearChanged.class));
        send(String.valueOf(year), copy);
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(copy));
        assertThat(calendar.year(year)).isEqualTo(expected);
        List<Object[]> audit = Fixtures.auditRows("CALENDAR_YEAR", String.valueOf(year));
        assertThat(audit).hasSize(auditBefore + 1);
        assertThat(audit.get(auditBefore)[1]).isEqualTo("dist");
        assertThat(audit.get(auditBefore)[4].toString()).contains(monday.toString()).contains(name);
    }

    @Test
    void itRefusesToChangeThePoliciesAndTheCalendarItself() {
        String kind = probeKind();
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json")
                .body(Map.of("kind", kind, "route", "*", "amount", 5, "unit", "WORKING_DAYS", "basis", "本地修改 / local change"))
                .put("/deadline-policies").then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", hasItem("kind")).body("detail", org.hamcrest.Matchers.containsString("由区级部署单元维护"))
                .body("detail", org.hamcrest.Matchers.containsString("maintained by the district's piece"));
        given().auth().oauth2(Fixtures.OPS).contentType("application/json")
                .body(Map.of("days", List.of(Map.of("day", "2059-10-01", "kind", "HOLIDAY", "name", "国庆节"))))
                .put("/calendar/2059").then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", hasItem("year"));
        assertThat(policy(kind)).isNull();
        assertThat(Fixtures.auditRows("DEADLINE_POLICY", kind + "/*")).isEmpty();
        assertThat(calendar.year(2059)).isEmpty();
    }
}
