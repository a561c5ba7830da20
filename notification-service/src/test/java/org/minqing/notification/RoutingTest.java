package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.DeadlineApproaching;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.RepeatLinked;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralOverdue;
import org.minqing.events.referral.ReviewRequested;
import org.minqing.events.referral.Tier;
import org.minqing.events.representative.LiaisonOfficerRegistered;
import org.minqing.events.representative.ReceptionDayCancelled;
import org.minqing.events.representative.ReceptionDayScheduled;
import org.minqing.testing.NativeKafka;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.mail.internet.MimeMessage;

/** The routing table at work: liaison officers, handling units, supervisors; poison messages dead-lettered. */
@QuarkusTest
class RoutingTest extends DaytimeTest {

    static final String COMMUNITY = "310104001002";
    static final String HOUSING = "8d2e4f10-2b02-4d7a-8b02-000000000001";

    /** The unit mailbox comes from referral-service's unit event now (issue 14), not from demo rows. */
    @org.junit.jupiter.api.BeforeEach
    void housingUnitKnown() {
        if (TestSupport.count(em, "select count(*) from mailbox where kind = 'UNIT' and key = '" + HOUSING
                + "' and email = 'housing@unit.minqing.local'") == 0) {
            TestSupport.unit(em, HOUSING, "housing@unit.minqing.local", "13900000001", "unit.housing", true);
        }
    }

    @Test
    void liaisonOfficersHearOfScheduledAndCancelledReceptionDays() throws Exception {
        String community = "310104002002";
        String officer = UUID.randomUUID().toString();
        String officerMobile = TestSupport.mobile();
        TestSupport.send(TestSupport.event(EventType.LIAISON_OFFICER_REGISTERED, community, officer,
                new LiaisonOfficerRegistered(officer, "李联络", community, null, null,
                        TestSupport.sealed(EventType.LIAISON_OFFICER_REGISTERED, officer, "mobile", officerMobile))));
        await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.count(em,
                "select count(*) from person_recipient where kind = 'LIAISON_OFFICER' and id = '" + officer + "'") == 1);
        String repMobile = TestSupport.mobile();
        String rep = TestSupport.representative(em, community, null, null, repMobile);

        EventEnvelope scheduled = TestSupport.schedule(community, clock.today().plusDays(21), List.of(rep));
        TestSupport.send(scheduled);
        await().atMost(Duration.ofSeconds(60)).until(() -> Stubs.smsTo(officerMobile).size() == 1);
        ReceptionDayScheduled day = scheduled.payloadAs(ReceptionDayScheduled.class);
        TestSupport.send(TestSupport.event(EventType.RECEPTION_DAY_CANCELLED, community, day.receptionDayId(),
                new ReceptionDayCancelled(day.receptionDayId(), community, day.date(), "台风红色预警")));
        await().atMost(Duration.ofSeconds(60)).until(() -> Stubs.smsTo(officerMobile).size() == 2
                && Stubs.smsTo(repMobile).size() == 2);
        assertThat(Stubs.smsTo(repMobile).stream().map(r -> r.getBodyAsString()).toList())
                .anyMatch(b -> b.contains("台风红色预警"));
        // a cancelled day gets no reminder
        assertThat(TestSupport.count(em, "select count(*) from reception_day where id = '" + day.receptionDayId()
                + "' and cancelled")).isEqualTo(1);
    }

    @Test
    void overdueGoesToTheUnitAndTheSubDistrictEscalationAndReviewToTheTierAbove() {
        String referral = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        EventEnvelope overdue = TestSupport.event(EventType.REFERRAL_OVERDUE, COMMUNITY, referral,
                new ReferralOverdue(referral, caseId, DeadlineKind.RESOLVE, LocalDate.of(2026, 3, 1), HOUSING));
        TestSupport.send(overdue);
        await().atMost(Duration.ofSeconds(60)).until(() -> mailWithNotice(overdue, "UNIT") != null
                && mailWithNotice(overdue, "SUPERVISOR") != null);
        assertThat(TestSupport.notices(overdue.eventId())).extracting(n -> n.recipientKind + ":" + n.recipientId)
                .contains("UNIT:" + HOUSING, "SUPERVISOR:310104001000");
        MimeMessage toUnit = mailWithNotice(overdue, "UNIT");
        assertThat(Arrays.toString(rethrow(() -> toUnit.getAllRecipients()))).contains("housing@unit.minqing.local");
        assertThat(rethrow(toUnit::getSubject)).isEqualTo("【超期提醒】案件 " + caseId + " 已超期");

        EventEnvelope escalated = TestSupport.event(EventType.REFERRAL_ESCALATED, COMMUNITY, referral,
                new ReferralEscalated(referral, caseId, Tier.SUBDISTRICT, Tier.DISTRICT, "310104000000", "两次督办未答复"));
        EventEnvelope review = TestSupport.event(EventType.REFERRAL_REVIEW_REQUESTED, COMMUNITY, referral,
                new ReviewRequested(referral, caseId, "再次不满意"));
        TestSupport.send(escalated);
        TestSupport.send(review);
        await().atMost(Duration.ofSeconds(60)).until(() -> mailWithNotice(escalated, "SUPERVISOR") != null
                && mailWithNotice(review, "SUPERVISOR") != null);
        assertThat(TestSupport.notices(escalated.eventId())).extracting(n -> n.recipientId).containsOnly("310104000000");
        assertThat(TestSupport.notices(review.eventId())).extracting(n -> n.recipientId).containsOnly("310104000000");
    }

    /** 督办单 (issue 13): the unit the referral went to is told, with the note and the reply-by date. */
    @Test
    void aSupervisionNoticeReachesTheReferralsUnit() {
        Referral referral = referToHousing();
        EventEnvelope supervision = TestSupport.event(EventType.REFERRAL_SUPERVISION_ISSUED, COMMUNITY, referral.id(),
                new org.minqing.events.referral.SupervisionIssued(referral.id(), referral.caseId(), "请加快办理",
                        LocalDate.of(2026, 4, 8), "sub1.staff"));
        TestSupport.send(supervision);
        await().atMost(Duration.ofSeconds(60)).until(() -> mailWithNotice(supervision, "UNIT") != null);
        assertThat(TestSupport.notices(supervision.eventId())).extracting(n -> n.recipientKind + ":" + n.recipientId)
                .containsOnly("UNIT:" + HOUSING);
        assertThat(rethrow(() -> mailWithNotice(supervision, "UNIT").getSubject()))
                .isEqualTo("【督办单】案件 " + referral.caseId() + " 请于 2026-04-08 前回复");
    }

    @Test
    void deadlinesReachTheReferralsUnitAndRepeatPetitionsTheSubDistrict() {
        Referral referral = referToHousing();
        // the unit is not named on the event: it is the one the case was referred to
        EventEnvelope approaching = TestSupport.event(EventType.REFERRAL_DEADLINE_APPROACHING, COMMUNITY, referral.id(),
                new DeadlineApproaching(referral.id(), referral.caseId(), DeadlineKind.RESOLVE, LocalDate.of(2026, 4, 1),
                        null, 3));
        EventEnvelope repeat = TestSupport.event(EventType.REFERRAL_REPEAT_LINKED, COMMUNITY, referral.id(),
                new RepeatLinked(referral.id(), referral.caseId(), UUID.randomUUID().toString(), 4, 5));
        TestSupport.send(approaching);
        TestSupport.send(repeat);
        await().atMost(Duration.ofSeconds(60)).until(() -> mailWithNotice(approaching, "UNIT") != null
                && mailWithNotice(repeat, "SUPERVISOR") != null);
        assertThat(TestSupport.notices(approaching.eventId())).extracting(n -> n.recipientId).containsOnly(HOUSING);
        assertThat(TestSupport.notices(repeat.eventId())).extracting(n -> n.recipientId).containsOnly("310104001000");
        assertThat(rethrow(() -> mailWithNotice(approaching, "UNIT").getSubject())).contains("即将到期");
        assertThat(rethrow(() -> (String) mailWithNotice(repeat, "SUPERVISOR").getContent())).contains("4 次");
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheConsumerCarriesOn() throws Exception {
        String key = UUID.randomUUID().toString();
        var props = new java.util.Properties();
        props.put("bootstrap.servers", NativeKafka.shared().bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("minqing.referral.referral", key, "{not json")).get();
        }
        String referral = UUID.randomUUID().toString();
        EventEnvelope after = TestSupport.event(EventType.REFERRAL_OVERDUE, COMMUNITY, referral,
                new ReferralOverdue(referral, UUID.randomUUID().toString(), DeadlineKind.RESOLVE, LocalDate.of(2026, 3, 1), null));
        TestSupport.send(after);
        await().atMost(Duration.ofSeconds(60)).until(() -> !TestSupport.notices(after.eventId()).isEmpty());
        try (KafkaCompanion companion = new KafkaCompanion(NativeKafka.shared().bootstrapServers())) {
            // the only poison message this suite sends to that topic
            List<ConsumerRecord<String, String>> dead = companion.consumeStrings()
                    .fromTopics("minqing.referral.referral.dlt.notification", 1)
                    .awaitCompletion(Duration.ofSeconds(60)).getRecords();
            ConsumerRecord<String, String> poison = dead.get(0);
            assertThat(poison.value()).isEqualTo("{not json");
            assertThat(poison.key()).isEqualTo(key);
            assertThat(new String(poison.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("unreadable event");
        }
    }

    private static MimeMessage mailWithNotice(EventEnvelope env, String kind) {
        List<String> ids = TestSupport.notices(env.eventId()).stream()
                .filter(n -> n.recipientKind.equals(kind) && n.channel == Channel.EMAIL).map(n -> n.id.toString()).toList();
        return Arrays.stream(SmtpServerResource.greenMail().getReceivedMessages()).filter(m -> {
            String[] h = rethrow(() -> m.getHeader("X-Minqing-Notice-Id"));
            return h != null && ids.contains(h[0]);
        }).findFirst().orElse(null);
    }

    interface Call<T> {
        T call() throws Exception;
    }

    static <T> T rethrow(Call<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A referral of a new case, and that case. */
    private record Referral(String id, String caseId) {
    }

    /** A new case's referral goes to the sub-district's housing office, as referral-service announces it. */
    private static Referral referToHousing() {
        String referral = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        TestSupport.send(TestSupport.event(EventType.REFERRAL_REFERRED, COMMUNITY, referral, new ReferralReferred(referral,
                caseId, Route.SUBDISTRICT_DEPARTMENT, HOUSING, "街道房管办", null, LocalDate.of(2026, 4, 1), false)));
        return new Referral(referral, caseId);
    }
}
