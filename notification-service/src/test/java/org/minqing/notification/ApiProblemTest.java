package org.minqing.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.testing.TestTokens;

import io.quarkus.test.junit.QuarkusTest;

/** Bad input on our API is refused with problem+json naming the field; preferences are one's own and work. */
@QuarkusTest
class ApiProblemTest extends DaytimeTest {

    static final String COMMUNITY = "310104001002";

    @Test
    void anUnknownChannelIsAProblemNamingTheField() {
        String me = TestTokens.representative("rep-" + UUID.randomUUID(), UUID.randomUUID().toString(), COMMUNITY);
        given().auth().oauth2(me).contentType("application/json")
                .body(Map.of("channels", List.of("EMAIL", "FAX"), "optOut", false))
                .put("/preferences/me")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", startsWith("https://minqing.org/problems/validation"))
                .body("errors.field", hasItem("channels[1]"));
        given().auth().oauth2(TestTokens.of("ops1", "ops-admin", "310104000000")).queryParam("channel", "FAX")
                .get("/notices")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("channel"))
                .body("errors[0].messageEn", containsString("EMAIL, SMS, IN_APP"));
        given().auth().oauth2(TestTokens.of("ops1", "ops-admin", "310104000000")).queryParam("state", "LOST")
                .get("/notices")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("state"));
        given().auth().oauth2(me).contentType("application/json").body(Map.of("optOut", true))
                .put("/preferences/me")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("channels"));
        given().auth().oauth2(me).contentType("application/json")
                .body(Map.of("channels", List.of("SMS"), "language", "fr"))
                .put("/preferences/me")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("language"));
    }

    @Test
    void preferencesOfAnotherUserAreRefused() {
        String me = TestTokens.representative("rep-me", UUID.randomUUID().toString(), COMMUNITY);
        given().auth().oauth2(me).contentType("application/json").body(Map.of("channels", List.of("SMS")))
                .put("/preferences/rep-someone-else")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("own notice preferences"));
        given().auth().oauth2(me).get("/preferences/rep-someone-else")
                .then().statusCode(403).contentType("application/problem+json");
        given().contentType("application/json").body(Map.of("channels", List.of("SMS")))
                .put("/preferences/me").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(me).get("/mailboxes").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anOptOutStopsOptionalNoticesButNotLegallyRequiredOnes() throws Exception {
        String subject = "rep-optout-" + UUID.randomUUID();
        String email = subject + "@example.cn";
        String mobile = TestSupport.mobile();
        String rep = TestSupport.representative(em, COMMUNITY, subject, email, mobile);
        String token = TestTokens.representative(subject, rep, COMMUNITY);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("channels", List.of("EMAIL", "IN_APP"), "optOut", false, "language", "en"))
                .put("/preferences/me")
                .then().statusCode(200).body("channels", is(List.of("EMAIL", "IN_APP"))).body("language", is("en"));
        given().auth().oauth2(token).get("/preferences/me").then().statusCode(200).body("stored", is(true));

        EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(18), List.of(rep));
        TestSupport.send(scheduled);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.notices(scheduled.eventId()).size() == 3
                && TestSupport.notices(scheduled.eventId()).stream()
                        .allMatch(n -> n.state == NoticeState.SENT || n.state == NoticeState.SKIPPED));
        assertThat(TestSupport.notice(scheduled.eventId(), Channel.SMS).state).isEqualTo(NoticeState.SKIPPED);
        assertThat(TestSupport.notice(scheduled.eventId(), Channel.EMAIL).state).isEqualTo(NoticeState.SENT);
        assertThat(Stubs.smsTo(mobile)).isEmpty();
        // English was asked for
        await().atMost(Duration.ofSeconds(30)).until(() -> RosterNoticeTest.mailTo(email) != null);
        assertThat(RosterNoticeTest.mailTo(email).getSubject()).startsWith("Reception day on");
    }

    @Test
    void opsKeepTheSupervisorMailboxesAndUnitsFollowReferralService() {
        String ops = TestTokens.of("ops1", "ops-admin", "310104000000");
        String unit = UUID.randomUUID().toString();
        TestSupport.unit(em, unit, "unit@example.cn", "13900001111", "unit.api", true);
        given().auth().oauth2(ops).get("/mailboxes").then().statusCode(200)
                .body("key", hasItem(unit))
                .body("key", hasItem("310104001000"));
        // issue 14: a unit's mailbox is not a second copy to edit here
        given().auth().oauth2(ops).contentType("application/json")
                .body(Map.of("name", "测试单位", "email", "other@example.cn", "mobile", "13900002222"))
                .put("/mailboxes/UNIT/" + unit)
                .then().statusCode(409).contentType("application/problem+json")
                .body("errors.field", hasItem("kind"))
                .body("detail", containsString("承办单位")).body("detail", containsString("/api/referral/units/"));
        given().auth().oauth2(ops).contentType("application/json")
                .body(Map.of("name", "测试单位"))
                .put("/mailboxes/unit/" + unit)
                .then().statusCode(409);
        given().auth().oauth2(ops).get("/mailboxes").then().statusCode(200)
                .body("find { it.key == '" + unit + "' }.email", is("unit@example.cn"));
        given().auth().oauth2(ops).contentType("application/json")
                .body(Map.of("name", "测试单位"))
                .put("/mailboxes/PRINTER/x")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("kind"));
        given().auth().oauth2(ops).contentType("application/json")
                .body(Map.of("name", "督办", "email", "not-an-email"))
                .put("/mailboxes/SUPERVISOR/310104009000")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("email"));
        given().auth().oauth2(ops).contentType("application/json")
                .body(Map.of("name", "第九街道人大工委", "email", "sup9@example.cn", "mobile", "13900003333"))
                .put("/mailboxes/SUPERVISOR/310104009000")
                .then().statusCode(200).body("email", is("sup9@example.cn")).body("active", is(true));
    }
}
