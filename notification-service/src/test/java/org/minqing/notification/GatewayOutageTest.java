package org.minqing.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.testing.TestTokens;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;

/** A provider outage delays notices and loses none; a notice that never gets through ends DEAD, visible to ops. */
@QuarkusTest
class GatewayOutageTest extends DaytimeTest {

    static final String COMMUNITY = "310104001002";

    @Test
    void aGatewayOutageThenRecoveryDeliversExactlyOnce() {
        String mobile = TestSupport.mobile();
        StubMapping outage = Stubs.smsAnswers(mobile, aResponse().withStatus(503).withBody("maintenance"));
        String rep = TestSupport.representative(em, COMMUNITY, null, null, mobile);
        EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(14), List.of(rep));
        TestSupport.send(scheduled);

        // Retried with back-off while the gateway is down.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Notice n = TestSupport.notice(scheduled.eventId(), Channel.SMS);
            return n != null && n.state == NoticeState.FAILED && n.attempts >= 2;
        });
        Notice failing = TestSupport.notice(scheduled.eventId(), Channel.SMS);
        assertThat(failing.lastError).contains("503");
        assertThat(TestSupport.count(em, "select count(*) from outbox_event where event_type = 'notification.notice.failed'"
                + " and message_key = '" + failing.id + "'")).isGreaterThanOrEqualTo(2);

        Stubs.wireMock().removeStubMapping(outage);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestSupport.notice(scheduled.eventId(), Channel.SMS).state == NoticeState.SENT);
        Notice sent = TestSupport.notice(scheduled.eventId(), Channel.SMS);
        // every attempt was one request; exactly one of them succeeded
        assertThat(Stubs.smsTo(mobile)).hasSize(sent.attempts);
        assertThat(TestSupport.count(em, "select count(*) from notice_attempt where notice_id = '" + sent.id
                + "' and outcome = 'SENT'")).isEqualTo(1);
        assertThat(TestSupport.count(em, "select count(*) from notice_attempt where notice_id = '" + sent.id
                + "' and outcome = 'FAILED'")).isEqualTo(sent.attempts - 1);
        // the representative had no e-mail and no account: those channels are skipped, not failed
        assertThat(TestSupport.notice(scheduled.eventId(), Channel.EMAIL).state).isEqualTo(NoticeState.SKIPPED);
    }

    @Test
    void aNoticeThatNeverGetsThroughIsDeadAndShownToOps() {
        String mobile = TestSupport.mobile();
        Stubs.smsAnswers(mobile, aResponse().withStatus(500));
        String rep = TestSupport.representative(em, COMMUNITY, null, null, mobile);
        EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(15), List.of(rep));
        TestSupport.send(scheduled);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> TestSupport.notice(scheduled.eventId(), Channel.SMS) != null
                        && TestSupport.notice(scheduled.eventId(), Channel.SMS).state == NoticeState.DEAD);
        Notice dead = TestSupport.notice(scheduled.eventId(), Channel.SMS);
        assertThat(dead.attempts).isEqualTo(5);
        assertThat(Stubs.smsTo(mobile)).hasSize(5);
        assertThat(TestSupport.count(em, "select count(*) from outbox_event where event_type = 'notification.notice.failed'"
                + " and message_key = '" + dead.id + "' and envelope like '%\"dead\":true%'")).isEqualTo(1);

        String ops = TestTokens.of("ops1", "ops-admin", "310104000000");
        given().auth().oauth2(ops).queryParam("state", "DEAD").queryParam("limit", 500).get("/notices")
                .then().statusCode(200).body("id", hasItem(dead.id.toString()));
        given().auth().oauth2(ops).get("/notices/" + dead.id)
                .then().statusCode(200).body("attempts.size()", org.hamcrest.Matchers.is(5))
                .body("notice.addressMasked", org.hamcrest.Matchers.nullValue());
        // a community staff member may not look at delivery status at all
        given().auth().oauth2(TestTokens.of("c1", "community-staff", COMMUNITY)).queryParam("state", "DEAD")
                .get("/notices").then().statusCode(403).contentType("application/problem+json");
        // a sub-district outside the notice's area does not see it
        given().auth().oauth2(TestTokens.of("s2", "subdistrict-staff", "310104002000")).get("/notices/" + dead.id)
                .then().statusCode(404).contentType("application/problem+json");
    }
}
