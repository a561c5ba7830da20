package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A restart mid-send leaves a notice SENDING under a claim. While the claim holds nobody sends it;
 * once it lapses it is sent again under the same notice id, the provider's idempotency key, and
 * recorded once.
 */
@QuarkusTest
class CrashRecoveryTest extends DaytimeTest {

    static final String COMMUNITY = "310104001001";

    @Test
    void aNoticeCutOffMidSendIsResumedOnceWithTheSameIdempotencyKey() {
        String mobile = TestSupport.mobile();
        String rep = TestSupport.representative(em, COMMUNITY, null, null, mobile);
        UUID held = UUID.randomUUID();
        UUID lapsed = UUID.randomUUID();
        Instant now = clock.instant();
        insertSending(held, rep, now.plusSeconds(3600));
        insertSending(lapsed, rep, now.minusSeconds(1));

        await().atMost(Duration.ofSeconds(60)).until(() -> state(lapsed) == NoticeState.SENT);
        assertThat(Stubs.smsTo(mobile)).hasSize(1);
        assertThat(Stubs.smsTo(mobile).get(0).getHeader("Idempotency-Key")).isEqualTo(lapsed.toString());
        assertThat(TestSupport.count(em, "select attempts from notice where id = '" + lapsed + "'")).isEqualTo(2);
        // the one still under a live claim is left alone
        assertThat(state(held)).isEqualTo(NoticeState.SENDING);
    }

    private void insertSending(UUID id, String rep, Instant claimedUntil) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into notice (id, source_event_id, source_event_type, correlation_id, jurisdiction, recipient_kind,
                  recipient_id, channel, legally_required, urgent, params, state, attempts, next_attempt_at, claimed_until,
                  created_at)
                values (:id, :src, 'notification.reception-day.reminder', 'c', :j, 'REPRESENTATIVE', :rep, 'SMS', false,
                  false, :params, 'SENDING', 1, :at, :claim, :at)""")
                .setParameter("id", id).setParameter("src", UUID.randomUUID()).setParameter("j", COMMUNITY)
                .setParameter("rep", rep).setParameter("at", clock.instant()).setParameter("claim", claimedUntil)
                .setParameter("params", "{\"communityCode\":\"" + COMMUNITY + "\",\"date\":\"2026年3月15日\","
                        + "\"startTime\":\"09:00\",\"endTime\":\"11:30\",\"place\":\"活动室\"}")
                .executeUpdate());
    }

    private static NoticeState state(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Notice.<Notice>findById(id).state);
    }
}
