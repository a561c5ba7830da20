package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.representative.ReceptionDayRescheduled;
import org.minqing.notification.service.NoticePlanner;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

/** 接访排班通知: a rostered representative is told by e-mail (real SMTP) and SMS (HTTP gateway), once. */
@QuarkusTest
class RosterNoticeTest extends DaytimeTest {

    static final String COMMUNITY = "310104001001";

    @Inject
    NoticePlanner planner;

    @ConfigProperty(name = "quarkus.mailer.port")
    int smtpPort;

    @Test
    void aRosterNoticeIsDeliveredByEmailAndSmsWithAChineseSubjectCorrectlyEncoded() throws Exception {
        assertThat(SmtpServerResource.greenMail().getSmtp().getPort()).isEqualTo(smtpPort);
        String email = "rep-" + UUID.randomUUID() + "@example.cn";
        String mobile = TestSupport.mobile();
        String rep = TestSupport.representative(em, COMMUNITY, "rep-" + UUID.randomUUID(), email, mobile);

        EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(10), List.of(rep));
        TestSupport.send(scheduled);

        MimeMessage mail = await().atMost(Duration.ofSeconds(60)).until(() -> mailTo(email), m -> m != null);
        String date = clock.today().plusDays(10).getYear() + "年" + clock.today().plusDays(10).getMonthValue() + "月"
                + clock.today().plusDays(10).getDayOfMonth() + "日";
        assertThat(mail.getSubject()).isEqualTo("【民情接访日】" + date + " 接访排班通知");
        assertThat(mail.getHeader("Subject")[0]).startsWith("=?").doesNotContain("民情");
        assertThat((String) mail.getContent()).contains("泾水公寓居委会活动室").contains("王建国");

        await().atMost(Duration.ofSeconds(60)).until(() -> Stubs.smsTo(mobile).size() == 1);
        LoggedRequest sms = Stubs.smsTo(mobile).get(0);
        var body = Events.mapper().readTree(sms.getBodyAsString());
        assertThat(body.get("text").asText()).contains("民情接访日").contains("泾水公寓居委会活动室");
        assertThat(sms.getHeader("Authorization")).startsWith("Basic ");

        await().atMost(Duration.ofSeconds(30)).until(() -> TestSupport.notices(scheduled.eventId()).stream()
                .allMatch(n -> n.state == NoticeState.SENT));
        List<Notice> sent = TestSupport.notices(scheduled.eventId());
        assertThat(sent).extracting(n -> n.channel).containsExactlyInAnyOrder(Channel.EMAIL, Channel.SMS, Channel.IN_APP);
        Notice smsNotice = TestSupport.notice(scheduled.eventId(), Channel.SMS);
        assertThat(smsNotice.addressMasked).isEqualTo(mobile.substring(0, 3) + "****" + mobile.substring(7));
        assertThat(sms.getHeader("Idempotency-Key")).isEqualTo(smsNotice.id.toString());
        // NOTICE_SENT for each, through the outbox
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSupport.count(em,
                "select count(*) from outbox_event where event_type = 'notification.notice.sent' and message_key in ("
                        + String.join(",", sent.stream().map(n -> "'" + n.id + "'").toList()) + ")") == 3);
        // e-mail and mobile are encrypted at rest
        assertThat(TestSupport.count(em, "select count(*) from person_recipient where id = '" + rep
                + "' and email_enc not like '%" + email + "%' and mobile_enc not like '%" + mobile + "%'")).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventSendsNothingNew() throws Exception {
        String email = "rep-" + UUID.randomUUID() + "@example.cn";
        String mobile = TestSupport.mobile();
        String rep = TestSupport.representative(em, COMMUNITY, "rep-" + UUID.randomUUID(), email, mobile);
        EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(12), List.of(rep));
        TestSupport.send(scheduled);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.notices(scheduled.eventId()).size() == 3
                && TestSupport.notices(scheduled.eventId()).stream().allMatch(n -> n.state == NoticeState.SENT));

        // The same event again, then a later event of the same reception day: once that one is
        // processed, the duplicate before it (same partition) has been too.
        TestSupport.send(scheduled);
        var p = scheduled.payloadAs(org.minqing.events.representative.ReceptionDayScheduled.class);
        EventEnvelope marker = TestSupport.event(EventType.RECEPTION_DAY_RESCHEDULED, COMMUNITY, p.receptionDayId(),
                new ReceptionDayRescheduled(p.receptionDayId(), COMMUNITY, p.date(), LocalTime.of(9, 30),
                        LocalTime.of(11, 30), p.place(), "时间微调"));
        TestSupport.send(marker);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.count(em,
                "select count(*) from processed_event where event_id = '" + marker.eventId() + "'") == 1);

        // Even planning it again directly (as after a lost inbox record) adds no row.
        int again = QuarkusTransaction.requiringNew().call(() -> planner.plan(new NoticePlanner.Plan(scheduled.eventId(),
                scheduled.type(), scheduled.correlationId(), COMMUNITY, false, NoticePlanner.params("date", "x"),
                java.util.Map.of("REPRESENTATIVE", List.of(rep)))));
        assertThat(again).isZero();
        assertThat(TestSupport.notices(scheduled.eventId())).hasSize(3).allMatch(n -> n.attempts == 1);
        assertThat(mailsTo(email)).isEqualTo(1);
        assertThat(Stubs.smsTo(mobile)).hasSize(1);
    }

    static MimeMessage mailTo(String address) {
        return Arrays.stream(SmtpServerResource.greenMail().getReceivedMessages())
                .filter(m -> recipients(m).contains(address)).findFirst().orElse(null);
    }

    static long mailsTo(String address) {
        return Arrays.stream(SmtpServerResource.greenMail().getReceivedMessages())
                .filter(m -> recipients(m).contains(address)).count();
    }

    private static String recipients(MimeMessage m) {
        try {
            return Arrays.toString(m.getAllRecipients());
        } catch (Exception e) {
            return "";
        }
    }
}
