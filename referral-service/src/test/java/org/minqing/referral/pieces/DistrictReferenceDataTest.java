package org.minqing.referral.pieces;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.Topics;
import org.minqing.events.referral.CalendarYearChanged;
import org.minqing.events.referral.DeadlinePolicyChanged;
import org.minqing.referral.Fixtures;
import org.minqing.referral.messaging.ReferenceEventsConsumer;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.Pieces;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Issue 14 (ADR 0021): the district's piece is the source of the deadline policies and the working
 * calendar. Each change goes out once through the outbox, with the district's jurisdiction and the
 * actor; the piece does not apply its own event a second time.
 */
@QuarkusTest
@TestProfile(Pieces.DistrictPiece.class)
class DistrictReferenceDataTest {

    @Inject
    EntityManager em;

    @Inject
    ReferenceEventsConsumer consumer;

    private List<String> outbox(EventType type, String key) {
        @SuppressWarnings("unchecked")
        List<String> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select envelope from outbox_event where message_key = :k and event_type = :t and topic = :topic
                order by id""").setParameter("k", key).setParameter("t", type.type())
                .setParameter("topic", Topics.REFERENCE.topic()).getResultList());
        return rows;
    }

    private static EventEnvelope parse(String json) {
        try {
            return Events.mapper().readValue(json, EventEnvelope.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long inboxRows(EventEnvelope env) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where event_id = :e").setParameter("e", env.eventId())
                .getSingleResult()).longValue());
    }

    @Test
    void aPolicyChangeIsPublishedOnceWithItsValuesAndNotAppliedAgainHere() {
        String kind = "SYNC_SOURCE_" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").toUpperCase();
        given().auth().oauth2(Fixtures.DISTRICT).contentType("application/json")
                .body(Map.of("kind", kind, "route", "REPRESENTATIVE_CONTACT", "amount", 4, "unit", "MONTHS",
                        "basis", "区人大常委会规定 / district rule"))
                .put("/deadline-policies").then().statusCode(200);

        List<String> rows = outbox(EventType.DEADLINE_POLICY_CHANGED, kind + "/REPRESENTATIVE_CONTACT");
        assertThat(rows).hasSize(1);
        EventEnvelope env = parse(rows.get(0));
        assertThat(env.jurisdiction()).isEqualTo(DemoRealm.DISTRICT);
        assertThat(env.aggregateType()).isEqualTo("deadline-policy");
        assertThat(env.actor().subject()).isEqualTo("dist");
        assertThat(env.actor().role()).isEqualTo("district-staff");
        assertThat(env.payloadAs(DeadlinePolicyChanged.class)).isEqualTo(new DeadlinePolicyChanged(
                kind + "/REPRESENTATIVE_CONTACT", kind, "REPRESENTATIVE_CONTACT", 4, DeadlinePolicyChanged.PeriodUnit.MONTHS,
                "区人大常委会规定 / district rule"));

        // its own event coming back from the topic: skipped, so neither recorded nor audited twice
        consumer.on(rows.get(0));
        assertThat(inboxRows(env)).isZero();
        assertThat(Fixtures.auditRows("DEADLINE_POLICY", kind + "/REPRESENTATIVE_CONTACT")).hasSize(1);
        assertThat(outbox(EventType.DEADLINE_POLICY_CHANGED, kind + "/REPRESENTATIVE_CONTACT")).hasSize(1);
    }

    @Test
    void aCalendarYearIsPublishedOnceWithItsDays() {
        int year = 2040 + ThreadLocalRandom.current().nextInt(15);
        String name = "同步测试" + ThreadLocalRandom.current().nextInt(100000);
        given().auth().oauth2(Fixtures.OPS).contentType("application/json")
                .body(Map.of("days", List.of(Map.of("day", year + "-10-02", "kind", "HOLIDAY", "name", name),
                        Map.of("day", year + "-10-08", "kind", "ADJUSTED_WORKDAY", "name", name + "调休"))))
                .put("/calendar/" + year).then().statusCode(200);

        List<EventEnvelope> events = outbox(EventType.CALENDAR_YEAR_CHANGED, String.valueOf(year)).stream()
                .map(DistrictReferenceDataTest::parse).filter(e -> e.payloadAs(CalendarYearChanged.class).days().stream()
                        .anyMatch(d -> d.name().equals(name)))
                .toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).jurisdiction()).isEqualTo(DemoRealm.DISTRICT);
        assertThat(events.get(0).actor().role()).isEqualTo("ops-admin");
        assertThat(events.get(0).payloadAs(CalendarYearChanged.class)).isEqualTo(new CalendarYearChanged(String.valueOf(year),
                year, List.of(
                        new CalendarYearChanged.Day(LocalDate.of(year, 10, 2), CalendarYearChanged.DayKind.HOLIDAY, name),
                        new CalendarYearChanged.Day(LocalDate.of(year, 10, 8), CalendarYearChanged.DayKind.ADJUSTED_WORKDAY,
                                name + "调休"))));
    }
}
