package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A relay that stops answering holds the one dispatcher thread only for the mailer's timeout (3 s in
 * tests), not the mailer's default minute: the stalled e-mail is retried and sent once, and the
 * notices behind it go out meanwhile. (CI once waited a whole minute for an e-mail at night.)
 */
@QuarkusTest
class SmtpStallTest extends DaytimeTest {

    static final String COMMUNITY = "310104001002";

    @Test
    void aStalledRelayCostsSecondsNotAMinute() {
        String stalled = SmtpServerResource.STALLING_PREFIX + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        String behind = "behind-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        String first = TestSupport.representative(em, COMMUNITY, null, stalled, null);
        String second = TestSupport.representative(em, COMMUNITY, null, behind, null);
        EventEnvelope toStalled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(24), List.of(first));
        TestSupport.send(toStalled);
        TestSupport.awaitExplained("the stalled e-mail's first attempt started", Duration.ofSeconds(30),
                toStalled.eventId(), clock, () -> {
                    Notice n = TestSupport.notice(toStalled.eventId(), Channel.EMAIL);
                    return n != null && n.attempts >= 1;
                });
        EventEnvelope toBehind = TestSupport.schedule(COMMUNITY, clock.today().plusDays(25), List.of(second));
        TestSupport.send(toBehind);

        // The relay stays silent for 25 s; well before that the attempt has failed and the next e-mail is out.
        Duration wellBeforeTheStallEnds = SmtpServerResource.STALL.minusSeconds(10);
        TestSupport.awaitExplained("the stalled attempt given up", wellBeforeTheStallEnds, toStalled.eventId(), clock,
                () -> TestSupport.count(em, "select count(*) from notice_attempt a join notice n on n.id = a.notice_id"
                        + " where n.source_event_id = '" + toStalled.eventId() + "' and n.channel = 'EMAIL'"
                        + " and a.outcome = 'FAILED'") >= 1);
        TestSupport.awaitExplained("the e-mail behind it sent", wellBeforeTheStallEnds, toBehind.eventId(), clock,
                () -> RosterNoticeTest.mailTo(behind) != null);

        // The retry finds the relay answering again: sent, once.
        Notice n = TestSupport.awaitFinished(toStalled.eventId(), Channel.EMAIL, Duration.ofSeconds(30));
        assertThat(n.state).isEqualTo(NoticeState.SENT);
        assertThat(n.attempts).isGreaterThanOrEqualTo(2);
        assertThat(RosterNoticeTest.mailsTo(stalled)).isEqualTo(1);
    }
}
