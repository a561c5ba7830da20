package org.minqing.referral.pieces;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.persistence.EntityManager;

import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.IntakeChannel;
import org.minqing.events.intake.Urgency;
import org.minqing.kit.metrics.MinqingMeters;
import org.minqing.referral.Fixtures;
import org.minqing.testing.DemoRealm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Issue 14: cases for the two pieces' tests, and what a piece left behind for one of them. */
final class PieceCases {

    /** The ownership table both tests use: sub-district 310104001 runs its own piece. */
    static final String TABLE = org.minqing.testing.Pieces.TABLE;

    private PieceCases() {
    }

    /** A fresh community of sub-district 3101040xx (xx = 01 delegated, 02 the district's own). */
    static String community(String subdistrict) {
        return subdistrict + (600 + ThreadLocalRandom.current().nextInt(400));
    }

    /** A CaseRecorded as intake publishes it (envelope jurisdiction = the community). */
    static EventEnvelope caseRecorded(String community) {
        return caseRecorded(community, "housing");
    }

    /** The same on a given line (条线). */
    static EventEnvelope caseRecorded(String community, String line) {
        String caseId = UUID.randomUUID().toString();
        CaseRecorded c = new CaseRecorded(caseId, IntakeChannel.RECEPTION_DAY, community, line, null, null, null,
                Fixtures.randomText(30), 120, 300, true, Urgency.NORMAL, null, List.of(DemoRealm.REP_NPC), 6, false, true,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return EventEnvelope.of(EventType.CASE_RECORDED, community, caseId, null, new Actor("c11", "community-staff"), c);
    }

    /** All on one key, so on one partition and handled in this order. */
    static void sendInOrder(EventEnvelope... events) {
        String key = UUID.randomUUID().toString();
        for (EventEnvelope e : events) {
            Fixtures.send(key, Fixtures.json(e));
        }
    }

    static int referralsOfCase(String caseId) {
        return given().auth().oauth2(Fixtures.DISTRICT).queryParam("caseId", caseId).get("/referrals").then()
                .statusCode(200).extract().jsonPath().getList("$").size();
    }

    /** Rows anywhere in referral's database that a case left: referrals, outbox rows, inbox records. */
    static long rowsLeftBy(EventEnvelope env) {
        String caseId = env.aggregateId();
        return QuarkusTransaction.requiringNew().call(() -> {
            EntityManager em = Arc.container().instance(EntityManager.class).get();
            long referrals = ((Number) em.createNativeQuery("select count(*) from referral where case_id = :c")
                    .setParameter("c", caseId).getSingleResult()).longValue();
            long outbox = ((Number) em.createNativeQuery("select count(*) from outbox_event where envelope like :c")
                    .setParameter("c", "%" + caseId + "%").getSingleResult()).longValue();
            long inbox = ((Number) em.createNativeQuery("select count(*) from processed_event where event_id = :e")
                    .setParameter("e", env.eventId()).getSingleResult()).longValue();
            return referrals + outbox + inbox;
        });
    }

    /** minqing.events.skipped of referral's case consumer so far. */
    static double skipped() {
        MeterRegistry registry = Arc.container().instance(MeterRegistry.class).get();
        Counter c = registry.find(MinqingMeters.EVENTS_SKIPPED).tag("consumer", "referral-service").counter();
        return c == null ? 0 : c.count();
    }
}
