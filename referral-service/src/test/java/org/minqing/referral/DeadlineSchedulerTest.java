package org.minqing.referral;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.minqing.referral.Fixtures.*;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;
import org.minqing.events.EventType;
import org.minqing.events.referral.DeadlineApproaching;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralOverdue;
import org.minqing.events.referral.Tier;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.service.DeadlineScheduler;
import org.minqing.referral.service.WorkingCalendar;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** 临期、超期、提级督办 with a moved clock: each notice once per deadline, escalation one tier at a time. */
@QuarkusTest
class DeadlineSchedulerTest {

    @Inject
    DeadlineScheduler scheduler;

    @Inject
    WorkingCalendar calendar;

    @Inject
    AppClock clock;

    @Inject
    EntityManager em;

    private void moveTo(LocalDate day) {
        clock.setOffset(Duration.ofDays(day.toEpochDay() - LocalDate.now(AppClock.ZONE).toEpochDay()));
    }

    private long notices(String id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from deadline_notice where referral_id = :r").setParameter("r", UUID.fromString(id))
                .getSingleResult()).longValue());
    }

    /**
     * Runs {@code work} on {@code pool} in a transaction of its own, flushed, and keeps that transaction
     * open (its row locks held) until {@code release} counts down; returns once the work is flushed.
     */
    private java.util.concurrent.Future<?> holdOpen(java.util.concurrent.ExecutorService pool,
            java.util.concurrent.CountDownLatch release, Runnable work) throws InterruptedException {
        java.util.concurrent.CountDownLatch flushed = new java.util.concurrent.CountDownLatch(1);
        var held = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            work.run();
            em.flush();
            flushed.countDown();
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(flushed.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return held;
    }

    /** Until {@code racer} is done or some transaction waits for a row lock (the racer, behind the held one). */
    private void awaitDoneOrBlocked(java.util.concurrent.Future<?> racer) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> racer.isDone()
                || QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from pg_locks where not granted").getSingleResult()).longValue()) > 0);
    }

    @Test
    void anOverdueCommunityReferralIsEscalatedToTheSubDistrictThenTheDistrict() {
        String community = freshCommunity();
        String unit = communityUnit(community);
        String unitToken = org.minqing.testing.TestTokens.handlingUnit("unit.c", unit, community);
        String id = referralIdForCase(recordCase(community, "social-security", null, randomText(30)));
        route(id, "COMMUNITY", unit, null, false);
        given().auth().oauth2(unitToken).contentType("application/json").body(Map.of())
                .post("/referrals/" + id + "/accept").then().statusCode(200);
        LocalDate due = LocalDate.parse(view(id).getString("dueDate"));
        assertThat(due).isEqualTo(calendar.plusWorkingDays(LocalDate.now(AppClock.ZONE), 5));
        try {
            // the working day before the deadline: approaching, once
            LocalDate dayBefore = due.minusDays(1);
            while (!calendar.isWorkingDay(dayBefore)) {
                dayBefore = dayBefore.minusDays(1);
            }
            moveTo(dayBefore);
            scheduler.runOnce();
            scheduler.runOnce();
            DeadlineApproaching near = awaitEvent(id, EventType.REFERRAL_DEADLINE_APPROACHING).payloadAs(DeadlineApproaching.class);
            assertThat(near.deadlineKind()).isEqualTo(DeadlineKind.RESOLVE);
            assertThat(near.dueDate()).isEqualTo(due);
            assertThat(near.unitId()).isEqualTo(unit);
            assertThat(near.workingDaysLeft()).isEqualTo(calendar.workingDaysBetween(dayBefore, due));
            assertThat(notices(id)).isEqualTo(1);

            // the day after: overdue, escalated from the community to the sub-district
            moveTo(due.plusDays(1));
            scheduler.runOnce();
            ReferralOverdue overdue = awaitEvent(id, EventType.REFERRAL_OVERDUE).payloadAs(ReferralOverdue.class);
            assertThat(overdue.dueDate()).isEqualTo(due);
            ReferralEscalated up = awaitEvent(id, EventType.REFERRAL_ESCALATED).payloadAs(ReferralEscalated.class);
            assertThat(up.fromTier()).isEqualTo(Tier.COMMUNITY);
            assertThat(up.toTier()).isEqualTo(Tier.SUBDISTRICT);
            assertThat(up.toJurisdiction()).isEqualTo("310104001000");
            get(id).body("watchTier", is("SUBDISTRICT"));

            // later runs change nothing for the same deadline
            moveTo(due.plusDays(3));
            scheduler.runOnce();
            assertThat(notices(id)).isEqualTo(2);
            get(id).body("watchTier", is("SUBDISTRICT"));

            // a supervision-extended deadline that also passes goes one tier further: the district
            given().auth().oauth2(SUB1).contentType("application/json").body(Map.of("days", 10, "reason", "协调中"))
                    .post("/referrals/" + id + "/extend").then().statusCode(200);
            LocalDate extended = LocalDate.parse(view(id).getString("dueDate"));
            moveTo(extended.plusDays(1));
            scheduler.runOnce();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> countEvents(id, EventType.REFERRAL_ESCALATED) == 2);
            get(id).body("watchTier", is("DISTRICT")).body("watchJurisdiction", is("310104000000"));
            given().auth().oauth2(DISTRICT).queryParam("watchedByMe", true).get("/referrals").then().statusCode(200)
                    .body("id", hasItem(id)).body("watchTier", org.hamcrest.Matchers.everyItem(is("DISTRICT")));
            given().auth().oauth2(SUB1).queryParam("watchedByMe", true).get("/referrals").then().statusCode(200)
                    .body("id", org.hamcrest.Matchers.not(hasItem(id)));
            given().auth().oauth2(DISTRICT).get("/referrals/" + id + "/timeline").then()
                    .body("action", hasItem("ESCALATE")).body("action", hasItem("OVERDUE"));
        } finally {
            clock.setOffset(Duration.ZERO);
        }
    }

    @Test
    void anUnroutedCaseWarnsBeforeItsAcknowledgeDeadline() {
        String id = referralIdForCase(recordCase(freshCommunity(), "housing", null, randomText(30)));
        LocalDate ack = LocalDate.parse(view(id).getString("acknowledgeBy"));
        try {
            moveTo(ack);
            scheduler.runOnce();
            DeadlineApproaching near = awaitEvent(id, EventType.REFERRAL_DEADLINE_APPROACHING).payloadAs(DeadlineApproaching.class);
            assertThat(near.deadlineKind()).isEqualTo(DeadlineKind.ACKNOWLEDGE);
            assertThat(near.unitId()).isNull();
            assertThat(near.workingDaysLeft()).isZero();
            moveTo(ack.plusDays(1));
            scheduler.runOnce();
            ReferralEscalated up = awaitEvent(id, EventType.REFERRAL_ESCALATED).payloadAs(ReferralEscalated.class);
            assertThat(up.fromTier()).isEqualTo(Tier.SUBDISTRICT);
            assertThat(up.toTier()).isEqualTo(Tier.DISTRICT);
        } finally {
            clock.setOffset(Duration.ZERO);
        }
    }

    @Inject
    org.minqing.referral.service.ReferralService referralService;

    /**
     * L2: the deadline watch reads a referral while a reply to it is being written. Before the fix
     * the watch did not wait for the reply, so it emitted OVERDUE for a referral already replied,
     * committed before the reply and could be relayed ahead of REPLIED. Now the check waits for the
     * row and sees the reply: no OVERDUE at all.
     */
    @Test
    void anOverdueCheckRacingAReplyWaitsForItAndEmitsNothing() throws Exception {
        String id = referralIdForCase(recordCase(freshCommunity(), "housing", null, randomText(30)));
        route(id, "SUBDISTRICT_DEPARTMENT", UNIT_HOUSING, null, false);
        given().auth().oauth2(HOUSING).contentType("application/json").body(Map.of())
                .post("/referrals/" + id + "/accept").then().statusCode(200);
        UUID rid = UUID.fromString(id);
        // already watched by the district: the check changes nothing on the row itself, only emits
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update referral set watch_tier = 'DISTRICT', watch_jurisdiction = '310104000000' where id = :id")
                .setParameter("id", rid).executeUpdate());
        LocalDate due = LocalDate.parse(view(id).getString("dueDate"));
        java.util.concurrent.CountDownLatch commitReply = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            moveTo(due.plusDays(1));
            // the reply's row is written (and locked) but not committed
            var reply = holdOpen(pool, commitReply, () -> referralService.reply(
                    org.minqing.referral.Referral.findById(rid), "已办理（迟复）",
                    new org.minqing.events.Actor("unit.housing", "handling-unit")));
            var check = pool.submit(() -> scheduler.checkOne(rid));
            // either the check finished without waiting (the defect) or it waits for the reply's row lock
            awaitDoneOrBlocked(check);
            commitReply.countDown();
            reply.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(check.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("notices emitted by the racing check")
                    .isZero();
        } finally {
            commitReply.countDown();
            pool.shutdownNow();
            clock.setOffset(Duration.ZERO);
        }
        long overdue = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from outbox_event where message_key = :k and event_type = :t")
                .setParameter("k", id).setParameter("t", EventType.REFERRAL_OVERDUE.type()).getSingleResult()).longValue());
        assertThat(overdue).as("OVERDUE events for a referral replied before the check could see it").isZero();
        awaitEvent(id, EventType.REFERRAL_REPLIED);
    }

    /**
     * L2, the other side: a staff change racing the deadline watch waits for the watch's row lock
     * and then applies, instead of answering 409. Before, the change read the row without a lock,
     * the watch's notice bumped the version, and the route failed (the e2e story hit it when a new
     * referral's acknowledge deadline was near).
     */
    @Test
    void aRouteRacingTheDeadlineWatchWaitsForItAndApplies() throws Exception {
        String id = referralIdForCase(recordCase(freshCommunity(), "housing", null, randomText(30)));
        UUID rid = UUID.fromString(id);
        java.util.concurrent.CountDownLatch releaseWatch = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // what the watch does when it emits a notice: row locked, version bumped, not yet committed
            var watch = holdOpen(pool, releaseWatch, () -> org.minqing.referral.Referral.findById(rid,
                    jakarta.persistence.LockModeType.PESSIMISTIC_FORCE_INCREMENT));
            var routed = pool.submit(() -> given().auth().oauth2(SUB1).contentType("application/json")
                    .body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING, "difficult", false))
                    .post("/referrals/" + id + "/route").then().extract().statusCode());
            awaitDoneOrBlocked(routed);
            releaseWatch.countDown();
            watch.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(routed.get(30, java.util.concurrent.TimeUnit.SECONDS)).as("route racing the watch").isEqualTo(200);
        } finally {
            releaseWatch.countDown();
            pool.shutdownNow();
        }
        assertThat(view(id).getString("status")).isEqualTo("REFERRED");
    }
}
