package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

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
        TestSupport.SmsRepresentative rep = TestSupport.smsRepresentative(em, COMMUNITY);
        Instant now = clock.instant();
        UUID held = TestSupport.insertSendingSms(em, COMMUNITY, rep.id(), 1, now, now.plusSeconds(3600));
        UUID lapsed = TestSupport.insertSendingSms(em, COMMUNITY, rep.id(), 1, now, now.minusSeconds(1));

        await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.state(lapsed) == NoticeState.SENT);
        assertThat(Stubs.smsTo(rep.mobile())).hasSize(1);
        assertThat(Stubs.smsTo(rep.mobile()).get(0).getHeader("Idempotency-Key")).isEqualTo(lapsed.toString());
        assertThat(TestSupport.count(em, "select attempts from notice where id = '" + lapsed + "'")).isEqualTo(2);
        // the one still under a live claim is left alone
        assertThat(TestSupport.state(held)).isEqualTo(NoticeState.SENDING);
    }
}
