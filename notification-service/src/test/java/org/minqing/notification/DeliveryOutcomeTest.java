package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * H2: a notice is sent at most once and its attempts stay bounded, whatever happens when its
 * outcome is recorded — an address whose masked form is long, a database that refuses the
 * outcome row, a notice already at the attempt limit when its lease lapses. Real SMTP (GreenMail).
 */
@QuarkusTest
class DeliveryOutcomeTest extends DaytimeTest {

    static final String COMMUNITY = "310104001002";

    /** a@ + 63.63.63.6 labels: 200 characters, valid for Hibernate's @Email and RFC 5321. */
    static String twoHundredCharacterAddress() {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 6);
        String label = "l".repeat(57) + tag;
        String address = "a@" + label + "." + label + "." + label + "." + "xyz" + tag.substring(0, 3);
        assertThat(address).hasSize(200);
        return address;
    }

    @Test
    void aMailToA200CharacterAddressGoesOnceAndIsRecorded() {
        String address = twoHundredCharacterAddress();
        String rep = TestSupport.representative(em, COMMUNITY, null, address, null);
        EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(20), List.of(rep));
        TestSupport.send(scheduled);

        Notice n = TestSupport.awaitFinished(scheduled.eventId(), Channel.EMAIL, Duration.ofSeconds(40));
        assertThat(n.state).isEqualTo(NoticeState.SENT);
        assertThat(n.attempts).isEqualTo(1);
        assertThat(n.addressMasked).hasSizeLessThanOrEqualTo(200).startsWith("a***@").doesNotContain(address);
        assertThat(RosterNoticeTest.mailsTo(address)).isEqualTo(1);
        assertThat(TestSupport.count(em, "select count(*) from notice_attempt where notice_id = '" + n.id + "'"))
                .isEqualTo(1);
    }

    @Test
    void anOutcomeTheDatabaseRefusesIsRecordedOnceAnotherWayAndNotSentAgain() {
        String address = "h2-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        String rep = TestSupport.representative(em, COMMUNITY, null, address, null);
        String trigger = "h2_refuse_" + rep.replace("-", "").substring(0, 12);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("create or replace function " + trigger + "() returns trigger language plpgsql as $$"
                    + " begin if new.recipient_id = '" + rep + "' and new.state = 'SENT' and new.address_masked is not null"
                    + " then raise exception 'H2 test: this outcome cannot be recorded'; end if; return new; end $$")
                    .executeUpdate();
            em.createNativeQuery("create trigger " + trigger + " before update on notice for each row execute function "
                    + trigger + "()").executeUpdate();
        });
        try {
            EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(21), List.of(rep));
            TestSupport.send(scheduled);
            Notice n = TestSupport.awaitFinished(scheduled.eventId(), Channel.EMAIL, Duration.ofSeconds(40));
            // Sent, so recorded as sent (without the masked address it could not store), once.
            assertThat(n.state).isEqualTo(NoticeState.SENT);
            assertThat(n.attempts).isEqualTo(1);
            assertThat(n.claimedUntil).isNull();
            assertThat(RosterNoticeTest.mailsTo(address)).isEqualTo(1);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("drop trigger if exists " + trigger + " on notice").executeUpdate();
                em.createNativeQuery("drop function if exists " + trigger + "()").executeUpdate();
            });
        }
    }

    @Test
    void aNoticeAtTheAttemptLimitWhoseLeaseLapsedIsDeadNotSentAgain() {
        TestSupport.SmsRepresentative rep = TestSupport.smsRepresentative(em, COMMUNITY);
        Instant now = clock.instant();
        // max-attempts is 5 in tests: a send cut off on the last attempt
        UUID id = TestSupport.insertSendingSms(em, COMMUNITY, rep.id(), 5, now, now.minusSeconds(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> TestSupport.state(id) == NoticeState.DEAD);
        assertThat(Stubs.smsTo(rep.mobile())).isEmpty();
        assertThat(TestSupport.count(em, "select attempts from notice where id = '" + id + "'")).isEqualTo(5);
        assertThat(TestSupport.count(em, "select count(*) from outbox_event where event_type = 'notification.notice.failed'"
                + " and message_key = '" + id + "' and envelope like '%\"dead\":true%'")).isEqualTo(1);
    }
}
