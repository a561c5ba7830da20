package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
import org.minqing.events.referral.ReferralReopened;
import org.minqing.events.referral.ReferralReplied;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * M5: one rating per round of results, whatever the concurrency (a unique constraint and an
 * optimistic lock on the case), and a concurrent change to a case is detected, not overwritten.
 */
@QuarkusTest
class FeedbackConcurrencyTest {

    @Inject
    EntityManager em;

    private static Response feedback(String code, String rating, int client) {
        Map<String, Object> body = new HashMap<>(Map.of("receiptCode", code, "rating", rating));
        return RestAssured.given().header("X-Forwarded-For", "198.51.100." + client).contentType("application/json")
                .body(body).post("/public/cases/feedback");
    }

    private String[] repliedCase() {
        Response r = record(staff(C11), caseBody(C11, "并发评价 " + unique("m5")));
        String id = r.path("id");
        String code = r.path("receiptCode");
        String referralId = UUID.randomUUID().toString();
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_REPLIED, C11, referralId,
                new ReferralReplied(referralId, id, UNIT_HOUSING, "已处理", Instant.now(), true));
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> IntakeCase.<IntakeCase>findById(UUID.fromString(id)).feedbackOpen));
        return new String[] { id, code, referralId };
    }

    @Test
    void concurrentDuplicateFeedbackIsAcceptedExactlyOnce() throws Exception {
        String[] c = repliedCase();
        String id = c[0];
        String code = c[1];
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int client = i + 1;
                String rating = i % 2 == 0 ? "SATISFIED" : "UNSATISFIED";
                answers.add(pool.submit(() -> {
                    go.await();
                    return feedback(code, rating, client).statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).as("answers to %d concurrent ratings", n).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("select count(*) from case_feedback where case_id = :c", id)).isEqualTo(1);
        assertThat(count("select count(*) from case_milestone where case_id = :c and kind = 'FEEDBACK_GIVEN'", id)).isEqualTo(1);
        assertThat(count("select count(*) from outbox_event where message_key = cast(:c as text) and event_type = '"
                + EventType.CASE_FEEDBACK_GIVEN.type() + "'", id)).isEqualTo(1);
    }

    @Test
    void theNextRoundCanBeRatedOnceMoreAndTheDatabaseRefusesASecondRatingOfARound() {
        String[] c = repliedCase();
        String id = c[0];
        String code = c[1];
        String referralId = c[2];
        feedback(code, "UNSATISFIED", 101).then().statusCode(201);
        feedback(code, "SATISFIED", 102).then().statusCode(409).contentType("application/problem+json");
        // Reopened and answered again: a new round.
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_REOPENED, C11, referralId,
                new ReferralReopened(referralId, id, "来访人不满意", java.time.LocalDate.now().plusDays(30)));
        send(Topics.REFERRAL.topic(), EventType.REFERRAL_REPLIED, C11, referralId,
                new ReferralReplied(referralId, id, UNIT_HOUSING, "再次处理", Instant.now(), true));
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> IntakeCase.<IntakeCase>findById(UUID.fromString(id)).feedbackOpen));
        feedback(code, "SATISFIED", 103).then().statusCode(201);
        assertThat(count("select count(*) from case_feedback where case_id = :c", id)).isEqualTo(2);
        assertThat(count("select count(distinct round) from case_feedback where case_id = :c", id)).isEqualTo(2);
        // The constraint itself: a second row for a round is refused by the database.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into case_feedback (case_id, round, rating, given_at)
                select case_id, round, 'SATISFIED', now() from case_feedback where case_id = :c limit 1""")
                .setParameter("c", UUID.fromString(id)).executeUpdate())).hasStackTraceContaining("case_feedback_one_per_round");
    }

    @Test
    void aStaleCopyOfACaseCannotOverwriteANewerChange() {
        String id = recordOk(staff(C11), caseBody(C11, "乐观锁 " + unique("m5")));
        UUID caseId = UUID.fromString(id);
        IntakeCase first = QuarkusTransaction.requiringNew().call(() -> IntakeCase.findById(caseId));
        IntakeCase second = QuarkusTransaction.requiringNew().call(() -> IntakeCase.findById(caseId));
        first.status = "REFERRING";
        QuarkusTransaction.requiringNew().run(() -> em.merge(first));
        second.feedbackOpen = true;
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.merge(second);
            em.flush();
        })).satisfies(e -> assertThat(concurrentChange(e)).as("optimistic lock failure in %s", e).isTrue());
        IntakeCase now = QuarkusTransaction.requiringNew().call(() -> IntakeCase.findById(caseId));
        assertThat(now.status).isEqualTo("REFERRING");
        assertThat(now.feedbackOpen).isFalse();
    }

    private static boolean concurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private long count(String sql, String caseId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter("c", UUID.fromString(caseId)).getSingleResult()).longValue());
    }
}
