package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.ReferralOverdue;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.SupervisionIssued;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;

/**
 * Issue 14: a unit's mailbox follows referral-service's unit (referral.unit.changed), the one
 * source of its contact. A unit added there is reachable here at once, a changed address is used
 * for the next notice, a deactivated unit gets none, and a replayed event changes nothing.
 */
@QuarkusTest
class UnitMailboxTest extends DaytimeTest {

    static final String SUB1 = "310104001000";
    static final String COMMUNITY = "310104001001";

    @Test
    void aUnitsNoticesGoToTheAddressItsLastEventGave() {
        String unit = UUID.randomUUID().toString();
        String first = "fgb-" + unit.substring(0, 8) + "@unit.example.gov.cn";
        String second = "fgb2-" + unit.substring(0, 8) + "@unit.example.gov.cn";
        String mobile = TestSupport.mobile();

        EventEnvelope added = TestSupport.unit(em, unit, first, mobile, "unit.mailbox-test", true);
        assertThat(TestSupport.count(em, "select count(*) from mailbox where kind = 'UNIT' and key = '" + unit
                + "' and user_subject = 'unit.mailbox-test' and mobile = '" + mobile + "'")).isEqualTo(1);

        // a referral to the new unit: its notice reaches the unit's address, no restart, no ops step
        String referral = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        EventEnvelope referred = TestSupport.event(EventType.REFERRAL_REFERRED, COMMUNITY, referral, new ReferralReferred(
                referral, caseId, Route.SUBDISTRICT_DEPARTMENT, unit, "第一街道房屋管理办公室", null, LocalDate.of(2026, 5, 1), false));
        TestSupport.send(referred);
        await().atMost(Duration.ofSeconds(60)).until(() -> mailFor(referred) != null);
        assertThat(recipients(mailFor(referred))).contains(first);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(referred, Channel.IN_APP) == NoticeState.SENT);
        assertThat(TestSupport.notice(referred.eventId(), Channel.IN_APP).userSubject).isEqualTo("unit.mailbox-test");

        // the unit's e-mail changes in referral-service: the next notice uses the new one
        TestSupport.unit(em, unit, second, mobile, "unit.mailbox-test", true);
        EventEnvelope supervision = TestSupport.event(EventType.REFERRAL_SUPERVISION_ISSUED, COMMUNITY, referral,
                new SupervisionIssued(referral, caseId, "请加快办理", LocalDate.of(2026, 5, 8), "sub1.staff"));
        TestSupport.send(supervision);
        await().atMost(Duration.ofSeconds(60)).until(() -> mailFor(supervision) != null);
        assertThat(recipients(mailFor(supervision))).contains(second).doesNotContain(first);
        await().atMost(Duration.ofSeconds(60)).until(() -> state(supervision, Channel.SMS) == NoticeState.SENT);
        int smsBefore = Stubs.smsTo(mobile).size();

        // the first event delivered again (a replay), then the deactivation on the same key (so in order):
        // the replay changed nothing, the unit keeps its row, inactive
        TestSupport.send(added);
        TestSupport.unit(em, unit, second, mobile, "unit.mailbox-test", false);
        assertThat(TestSupport.count(em, "select count(*) from mailbox where kind = 'UNIT' and key = '" + unit + "'"))
                .isEqualTo(1);

        // a deactivated unit is told nothing new
        EventEnvelope overdue = TestSupport.event(EventType.REFERRAL_OVERDUE, COMMUNITY, referral,
                new ReferralOverdue(referral, caseId, DeadlineKind.RESOLVE, LocalDate.of(2026, 5, 1), unit));
        TestSupport.send(overdue);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Notice> toUnit = TestSupport.notices(overdue.eventId()).stream()
                    .filter(n -> n.recipientKind.equals("UNIT")).toList();
            return toUnit.size() == 3 && toUnit.stream().allMatch(n -> n.state == NoticeState.SKIPPED);
        });
        assertThat(mailFor(overdue)).isNull();
        assertThat(Stubs.smsTo(mobile)).hasSize(smsBefore);
    }

    @Test
    void anOfficeLandlineIsNoSmsAddress() {
        String unit = UUID.randomUUID().toString();
        TestSupport.unit(em, unit, "office@unit.example.gov.cn", "021-6487 0000", null, true);
        assertThat(TestSupport.count(em, "select count(*) from mailbox where kind = 'UNIT' and key = '" + unit
                + "' and mobile is null and user_subject is null")).isEqualTo(1);
    }

    /** A unit event that cannot be read is dead-lettered to the unit topic's DLT; the next one is applied. */
    @Test
    void aPoisonUnitEventIsDeadLetteredAndTheNextApplied() throws Exception {
        String key = UUID.randomUUID().toString();
        var props = new java.util.Properties();
        props.put("bootstrap.servers", org.minqing.testing.NativeKafka.shared().bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(props,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("minqing.referral.unit", key, "{not json")).get();
        }
        TestSupport.unit(em, key, "after@unit.example.gov.cn", null, null, true);
        try (var companion = new io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion(
                org.minqing.testing.NativeKafka.shared().bootstrapServers())) {
            var dead = companion.consumeStrings().fromTopics("minqing.referral.unit.dlt.notification", 1)
                    .awaitCompletion(Duration.ofSeconds(60)).getRecords();
            assertThat(dead.get(0).key()).isEqualTo(key);
            assertThat(dead.get(0).value()).isEqualTo("{not json");
        }
    }

    private static NoticeState state(EventEnvelope env, Channel channel) {
        Notice n = TestSupport.notice(env.eventId(), channel);
        return n == null ? null : n.state;
    }

    private static MimeMessage mailFor(EventEnvelope env) {
        List<String> ids = TestSupport.notices(env.eventId()).stream()
                .filter(n -> n.recipientKind.equals("UNIT") && n.channel == Channel.EMAIL).map(n -> n.id.toString()).toList();
        return Arrays.stream(SmtpServerResource.greenMail().getReceivedMessages()).filter(m -> {
            String[] h = RoutingTest.rethrow(() -> m.getHeader("X-Minqing-Notice-Id"));
            return h != null && ids.contains(h[0]);
        }).findFirst().orElse(null);
    }

    private static String recipients(MimeMessage m) {
        return Arrays.toString(RoutingTest.rethrow(m::getAllRecipients));
    }
}
