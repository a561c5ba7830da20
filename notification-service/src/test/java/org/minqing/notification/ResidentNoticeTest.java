package org.minqing.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Events;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.IntakeChannel;
import org.minqing.events.intake.Urgency;
import org.minqing.events.referral.ReferralExtended;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.events.referral.Route;
import org.minqing.notification.service.Dispatcher;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;

/**
 * The resident (来访人) is told of registration, extension and reply; the contact comes from
 * intake-service with our service-account token at send time and is never stored here.
 */
@QuarkusTest
class ResidentNoticeTest extends DaytimeTest {

    static final String COMMUNITY = "310104002001";

    @Test
    void theResidentIsToldOfRegistrationExtensionAndReplyWithTheFeedbackLink() throws Exception {
        String caseId = UUID.randomUUID().toString();
        String receipt = "MQ" + caseId.substring(0, 6).toUpperCase();
        String phone = TestSupport.mobile();
        String email = "resident-" + caseId.substring(0, 8) + "@example.cn";
        stubContacts(caseId, phone, email, receipt);

        TestSupport.send(recorded(caseId, Urgency.NORMAL));
        await().atMost(Duration.ofSeconds(60)).until(() -> Stubs.smsTo(phone).size() == 1);
        // M3: the code comes from intake at send time (not from the event); the link carries it in the
        // fragment (never sent to a server), not in a path that access logs keep.
        assertThat(text(0, phone)).contains(receipt).contains("登记受理").contains("https://minqing.example/public#code=" + receipt)
                .doesNotContain("/public/cases/").doesNotContain(Dispatcher.RECEIPT_CODE_SLOT);
        MimeMessage ack = await().atMost(Duration.ofSeconds(60)).until(() -> RosterNoticeTest.mailTo(email), m -> m != null);
        assertThat(ack.getSubject()).isEqualTo("【受理告知】您反映的事项已登记（回执码 " + receipt + "）");
        // fetched with this service's own token
        assertThat(Stubs.wireMock().find(getRequestedFor(urlEqualTo("/intake/internal/cases/" + caseId + "/contacts"))
                .withHeader("Authorization", matching("Bearer .+"))
                .withHeader("X-Access-Purpose", matching(".*intake.case.recorded.*")))).isNotEmpty();

        // a representative-led referral, then an extension and the reply
        String rep = TestSupport.representative(em, COMMUNITY, null, "rep-" + caseId.substring(0, 8) + "@example.cn", null);
        String referralId = UUID.randomUUID().toString();
        TestSupport.send(TestSupport.event(EventType.REFERRAL_REFERRED, COMMUNITY, referralId, new ReferralReferred(
                referralId, caseId, Route.INTER_SESSION_SUGGESTION, "8d2e4f10-2b02-4d7a-8b02-000000000002",
                "市级承办单位", rep, clock.today().plusMonths(3), false)));
        TestSupport.send(TestSupport.event(EventType.REFERRAL_EXTENDED, COMMUNITY, referralId, new ReferralExtended(
                referralId, caseId, 30, "需协调市级部门现场勘查", clock.today().plusDays(90))));
        await().atMost(Duration.ofSeconds(60)).until(() -> Stubs.smsTo(phone).size() == 2);
        assertThat(text(1, phone)).contains("延期30天").contains("需协调市级部门现场勘查").contains(receipt);

        // Staff reprint the slip: intake reissues the code; the next notice carries the new one.
        String reissued = "MR" + caseId.substring(0, 6).toUpperCase();
        stubContacts(caseId, phone, email, reissued);

        EventEnvelope replied = TestSupport.event(EventType.REFERRAL_REPLIED, COMMUNITY, referralId, new ReferralReplied(
                referralId, caseId, "8d2e4f10-2b02-4d7a-8b02-000000000002", "已协调规划部门复核日照间距", Instant.now(), true));
        TestSupport.send(replied);
        await().atMost(Duration.ofSeconds(60)).until(() -> Stubs.smsTo(phone).size() == 3);
        assertThat(text(2, phone)).contains("已协调规划部门复核日照间距")
                .contains("https://minqing.example/public#code=" + reissued).doesNotContain(receipt);
        // the representative who raised the suggestion hears of the answer too
        MimeMessage toRep = await().atMost(Duration.ofSeconds(60))
                .until(() -> RosterNoticeTest.mailTo("rep-" + caseId.substring(0, 8) + "@example.cn"), m -> m != null);
        assertThat(toRep.getSubject()).contains("建议答复");
        // the unit was told of the referral on its seeded mailbox
        assertThat(TestSupport.notices(replied.eventId())).extracting(n -> n.recipientKind)
                .contains(RecipientKind.VISITOR, RecipientKind.REPRESENTATIVE);

        // nothing of the resident's contact is stored, only a masked form
        await().atMost(Duration.ofSeconds(30)).until(() -> TestSupport.notices(replied.eventId()).stream()
                .filter(n -> n.recipientKind.equals(RecipientKind.VISITOR)).allMatch(n -> n.state == NoticeState.SENT));
        assertThat(TestSupport.notice(replied.eventId(), Channel.SMS).addressMasked)
                .isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(TestSupport.count(em, "select count(*) from notice where params like '%" + phone + "%' or params like '%"
                + email + "%' or address_masked in ('" + phone + "', '" + email + "') or last_error like '%" + phone + "%'"))
                .isZero();
        // ... nor the receipt code, anywhere in this service's tables.
        for (String code : List.of(receipt, reissued)) {
            assertThat(TestSupport.count(em, "select count(*) from notice n where cast(n as text) like '%" + code + "%'")).isZero();
            assertThat(TestSupport.count(em, "select count(*) from case_ref r where cast(r as text) like '%" + code + "%'")).isZero();
            assertThat(TestSupport.count(em, "select count(*) from notice_attempt a where cast(a as text) like '%" + code + "%'"))
                    .isZero();
        }
    }

    @Test
    void anUrgentCaseIsAcknowledgedEvenInQuietHoursAndAnonymousOnesAreNotContacted() {
        String caseId = UUID.randomUUID().toString();
        String phone = TestSupport.mobile();
        stubContacts(caseId, phone, null, "MQ" + caseId.substring(0, 6));
        clock.setOffset(QuietHoursTest.offsetTo(23, 0));
        try {
            EventEnvelope urgent = recorded(caseId, Urgency.URGENT);
            TestSupport.send(urgent);
            await().atMost(Duration.ofSeconds(60)).until(() -> Stubs.smsTo(phone).size() == 1);
            // no e-mail address given: that channel is skipped, not failed
            await().atMost(Duration.ofSeconds(30)).until(() -> TestSupport.notice(urgent.eventId(), Channel.EMAIL).state
                    == NoticeState.SKIPPED);
            assertThat(TestSupport.notice(urgent.eventId(), Channel.SMS).urgent).isTrue();
        } finally {
            TestSupport.daytime(clock);
        }
        String anonymousCase = UUID.randomUUID().toString();
        EventEnvelope anon = TestSupport.event(EventType.CASE_RECORDED, COMMUNITY, anonymousCase, new CaseRecorded(
                anonymousCase, IntakeChannel.HOTLINE, COMMUNITY, "housing", null, null, null, "匿名反映",
                1, 1, false, Urgency.NORMAL, null, List.of(), 1, true, false, Instant.now()));
        TestSupport.send(anon);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.count(em,
                "select count(*) from case_ref where case_id = '" + anonymousCase + "'") == 1);
        assertThat(TestSupport.notices(anon.eventId())).isEmpty();
    }

    /**
     * Issue 16: the resident notices of a pass ask intake once for all their cases (one token check,
     * one round trip), each notice's purpose named for intake's access log; no per-notice look-up.
     */
    @Test
    void aPassFetchesItsResidentsContactsInOneCall() throws Exception {
        String caseId = UUID.randomUUID().toString();
        String receipt = "MB" + caseId.substring(0, 6).toUpperCase();
        String phone = TestSupport.mobile();
        String email = "batch-" + caseId.substring(0, 8) + "@example.cn";
        stubBatchContacts(caseId, phone, email, receipt);

        EventEnvelope recorded = recorded(caseId, Urgency.NORMAL);
        TestSupport.send(recorded);
        await().atMost(Duration.ofSeconds(60)).until(() -> Stubs.smsTo(phone).size() == 1);
        assertThat(text(0, phone)).contains(receipt);
        MimeMessage ack = await().atMost(Duration.ofSeconds(60)).until(() -> RosterNoticeTest.mailTo(email), m -> m != null);
        assertThat(ack.getSubject()).contains(receipt);
        var batchCalls = Stubs.wireMock().find(postRequestedFor(urlEqualTo("/intake/internal/cases/contacts"))
                .withHeader("Authorization", matching("Bearer .+"))
                .withRequestBody(matchingJsonPath("$.requests[?(@.caseId == '" + caseId + "')]")));
        assertThat(batchCalls).isNotEmpty();
        // both notices (SMS and e-mail) named with their own purpose, in the batch calls
        String named = batchCalls.stream().map(r -> r.getBodyAsString()).reduce("", String::concat);
        for (Channel ch : List.of(Channel.SMS, Channel.EMAIL)) {
            assertThat(named).contains("notice " + TestSupport.notice(recorded.eventId(), ch).id);
        }
        assertThat(Stubs.wireMock().find(getRequestedFor(urlEqualTo("/intake/internal/cases/" + caseId + "/contacts"))))
                .isEmpty();
    }

    /** A case the batch answer lists as missing is intake's 404: given up at once, not asked again one by one. */
    @Test
    void aCaseIntakeDoesNotGiveIsGivenUpWithoutASecondLookUp() {
        String caseId = UUID.randomUUID().toString();
        Stubs.wireMock().register(post(urlEqualTo("/intake/internal/cases/contacts"))
                .withRequestBody(matchingJsonPath("$.requests[?(@.caseId == '" + caseId + "')]"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"cases\":[],\"missing\":[\"" + caseId + "\"]}")));
        EventEnvelope recorded = recorded(caseId, Urgency.NORMAL);
        TestSupport.send(recorded);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var toResident = TestSupport.notices(recorded.eventId()).stream()
                    .filter(n -> n.recipientKind.equals(RecipientKind.VISITOR)).toList();
            return toResident.size() == 2
                    && toResident.stream().allMatch(n -> n.state == NoticeState.DEAD || n.state == NoticeState.FAILED);
        });
        assertThat(TestSupport.notice(recorded.eventId(), Channel.SMS).lastError).contains("intake-service");
        assertThat(Stubs.wireMock().find(getRequestedFor(urlEqualTo("/intake/internal/cases/" + caseId + "/contacts"))))
                .isEmpty();
    }

    /** intake's batch answer for one case (other cases of the same call are left to their own stubs). */
    static void stubBatchContacts(String caseId, String phone, String email, String receiptCode) {
        String one = "{\"caseId\":\"" + caseId + "\",\"receiptCode\":\"" + receiptCode
                + "\",\"contacts\":[{\"name\":\"李四\",\"phone\":\"" + phone + "\",\"email\":\"" + email + "\"}]}";
        Stubs.wireMock().register(post(urlEqualTo("/intake/internal/cases/contacts"))
                .withHeader("Authorization", matching("Bearer .+"))
                .withRequestBody(matchingJsonPath("$.requests[?(@.caseId == '" + caseId + "')]"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"cases\":[" + one + "],\"missing\":[]}")));
    }

    static EventEnvelope recorded(String caseId, Urgency urgency) {
        return TestSupport.event(EventType.CASE_RECORDED, COMMUNITY, caseId, new CaseRecorded(caseId,
                IntakeChannel.RECEPTION_DAY, COMMUNITY, "housing", "泾水公寓40号", null, null, "高层建筑遮挡采光",
                120, 300, true, urgency, null, List.of(), 3, false, true, Instant.now()));
    }

    /** intake's internal answer: the contacts and the receipt code in force (as intake-service gives them). */
    static void stubContacts(String caseId, String phone, String email, String receiptCode) {
        String body = "{\"caseId\":\"" + caseId + "\",\"receiptCode\":\"" + receiptCode
                + "\",\"contacts\":[{\"name\":\"张三丰\",\"phone\":"
                + (phone == null ? "null" : "\"" + phone + "\"") + ",\"email\":"
                + (email == null ? "null" : "\"" + email + "\"") + "}]}";
        Stubs.wireMock().register(get(urlEqualTo("/intake/internal/cases/" + caseId + "/contacts"))
                .withHeader("Authorization", matching("Bearer .+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static String text(int index, String phone) throws Exception {
        var requests = Stubs.smsTo(phone).stream()
                .sorted(java.util.Comparator.comparing(r -> r.getLoggedDate())).toList();
        return Events.mapper().readTree(requests.get(index).getBodyAsString()).get("text").asText();
    }
}
