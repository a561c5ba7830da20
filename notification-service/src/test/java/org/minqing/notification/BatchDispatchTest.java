package org.minqing.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16: notices due together are claimed, sent and recorded as one batch. One notice's failed
 * send costs the others nothing: they are recorded SENT, it is recorded FAILED and retried, and a
 * notice whose claim a crashed dispatcher left behind is taken again in the same batch. The
 * outcomes of the batch are written by one transaction (their rows share PostgreSQL's xmin).
 */
@QuarkusTest
class BatchDispatchTest extends DaytimeTest {

    static final String COMMUNITY = "310104001001";

    @Test
    void aBatchRecordsEveryOutcomeTogetherAndRetriesOnlyTheFailedSend() {
        TestSupport.SmsRepresentative rep1 = TestSupport.smsRepresentative(em, COMMUNITY);
        TestSupport.SmsRepresentative rep2 = TestSupport.smsRepresentative(em, COMMUNITY);
        TestSupport.SmsRepresentative repFailing = TestSupport.smsRepresentative(em, COMMUNITY);
        TestSupport.SmsRepresentative repLapsed = TestSupport.smsRepresentative(em, COMMUNITY);
        StubMapping outage = Stubs.smsAnswers(repFailing.mobile(), aResponse().withStatus(503).withBody("maintenance"));

        UUID ok1 = UUID.randomUUID();
        UUID ok2 = UUID.randomUUID();
        UUID failing = UUID.randomUUID();
        UUID lapsed = UUID.randomUUID();
        // Due a minute ago, all visible at once: whichever pass sees one sees all four.
        Instant due = clock.instant().minusSeconds(60);
        QuarkusTransaction.requiringNew().run(() -> {
            TestSupport.insertSms(em, ok1, COMMUNITY, rep1.id(), "PENDING", 0, due, null);
            TestSupport.insertSms(em, ok2, COMMUNITY, rep2.id(), "PENDING", 0, due, null);
            TestSupport.insertSms(em, failing, COMMUNITY, repFailing.id(), "PENDING", 0, due, null);
            // claimed by a dispatcher that died before recording: its lease has lapsed
            TestSupport.insertSms(em, lapsed, COMMUNITY, repLapsed.id(), "SENDING", 1, due, due);
        });

        await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.state(ok1) == NoticeState.SENT
                && TestSupport.state(ok2) == NoticeState.SENT && TestSupport.state(lapsed) == NoticeState.SENT
                && TestSupport.count(em, "select count(*) from notice_attempt where notice_id = '" + failing
                        + "' and attempt_no = 1") == 1);

        assertThat(attemptOutcome(ok1, 1)).isEqualTo("SENT");
        assertThat(attemptOutcome(ok2, 1)).isEqualTo("SENT");
        assertThat(attemptOutcome(lapsed, 2)).isEqualTo("SENT");
        assertThat(attemptOutcome(failing, 1)).isEqualTo("FAILED");
        // one transaction recorded the four outcomes
        assertThat(TestSupport.count(em, "select count(distinct xmin::text) from notice_attempt where (notice_id, attempt_no) in"
                + " (('" + ok1 + "', 1), ('" + ok2 + "', 1), ('" + failing + "', 1), ('" + lapsed + "', 2))")).isEqualTo(1);
        for (UUID sent : List.of(ok1, ok2, lapsed)) {
            assertThat(TestSupport.count(em, "select count(*) from outbox_event where event_type = 'notification.notice.sent'"
                    + " and message_key = '" + sent + "'")).isEqualTo(1);
        }
        assertThat(TestSupport.count(em, "select count(*) from outbox_event where event_type = 'notification.notice.failed'"
                + " and message_key = '" + failing + "'")).isGreaterThanOrEqualTo(1);
        // each healthy notice went to the gateway once, under its own id
        assertThat(Stubs.smsTo(rep1.mobile())).hasSize(1);
        assertThat(Stubs.smsTo(rep2.mobile())).hasSize(1);
        assertThat(Stubs.smsTo(repLapsed.mobile())).hasSize(1);
        assertThat(Stubs.smsTo(repLapsed.mobile()).get(0).getHeader("Idempotency-Key")).isEqualTo(lapsed.toString());

        // the failed one is retried with back-off and gets through once the gateway is back
        Stubs.wireMock().removeStubMapping(outage);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.state(failing) == NoticeState.SENT);
        assertThat(TestSupport.count(em, "select count(*) from notice_attempt where notice_id = '" + failing
                + "' and outcome = 'SENT'")).isEqualTo(1);
        assertThat(Stubs.smsTo(rep1.mobile())).hasSize(1);
        assertThat(Stubs.smsTo(rep2.mobile())).hasSize(1);
    }

    private String attemptOutcome(UUID notice, int attempt) {
        return (String) em.createNativeQuery("select outcome from notice_attempt where notice_id = :n and attempt_no = :a")
                .setParameter("n", notice).setParameter("a", attempt).getSingleResult();
    }
}
