package org.minqing.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.testing.TestTokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** 站内信箱: each user's live stream carries their own notices and nobody else's; list and mark read. */
@QuarkusTest
class InboxStreamTest extends DaytimeTest {

    static final String COMMUNITY = "310104001001";

    @TestHTTPResource("/inbox/stream")
    URL streamUrl;

    @Test
    void aUsersStreamReceivesTheirNoticeAndAnotherUsersDoesNot() {
        String alice = "rep-alice-" + UUID.randomUUID();
        String bob = "rep-bob-" + UUID.randomUUID();
        String aliceRep = TestSupport.representative(em, COMMUNITY, alice, null, null);
        String bobRep = TestSupport.representative(em, COMMUNITY, bob, null, null);
        String aliceToken = TestTokens.representative(alice, aliceRep, COMMUNITY);
        String bobToken = TestTokens.representative(bob, bobRep, COMMUNITY);

        List<String> aliceLines = new CopyOnWriteArrayList<>();
        List<String> bobLines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<?> aliceStream = SseLines.open(http, streamUrl, aliceToken, aliceLines);
        CompletableFuture<?> bobStream = SseLines.open(http, streamUrl, bobToken, bobLines);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> SseLines.has(aliceLines, "connected")
                    && SseLines.has(bobLines, "connected"));

            EventEnvelope forAlice = TestSupport.schedule(COMMUNITY, clock.today().plusDays(16), List.of(aliceRep));
            TestSupport.send(forAlice);
            await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.notice(forAlice.eventId(), Channel.IN_APP) != null);
            String aliceNotice = TestSupport.notice(forAlice.eventId(), Channel.IN_APP).id.toString();
            await().atMost(Duration.ofSeconds(60)).until(() -> SseLines.has(aliceLines, aliceNotice));
            assertThat(String.join("\n", aliceLines)).contains("接访排班通知");

            // Bob's own notice reaches Bob after Alice's was published; Alice's never did.
            EventEnvelope forBob = TestSupport.schedule(COMMUNITY, clock.today().plusDays(17), List.of(bobRep));
            TestSupport.send(forBob);
            await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.notice(forBob.eventId(), Channel.IN_APP) != null);
            String bobNotice = TestSupport.notice(forBob.eventId(), Channel.IN_APP).id.toString();
            await().atMost(Duration.ofSeconds(60)).until(() -> SseLines.has(bobLines, bobNotice));
            assertThat(SseLines.has(bobLines, aliceNotice)).isFalse();
            assertThat(SseLines.has(aliceLines, bobNotice)).isFalse();

            // the list and mark-read, scoped to the token's subject
            given().auth().oauth2(aliceToken).get("/inbox").then().statusCode(200)
                    .body("id", hasItem(aliceNotice)).body("id", not(hasItem(bobNotice)));
            given().auth().oauth2(bobToken).post("/inbox/" + aliceNotice + "/read")
                    .then().statusCode(404).contentType("application/problem+json");
            given().auth().oauth2(aliceToken).post("/inbox/" + aliceNotice + "/read")
                    .then().statusCode(200).body("readAt", notNullValue());
            given().auth().oauth2(aliceToken).queryParam("unread", true).get("/inbox").then().statusCode(200)
                    .body("id", not(hasItem(aliceNotice)));
        } finally {
            aliceStream.cancel(true);
            bobStream.cancel(true);
        }
    }

    @Test
    void theStreamNeedsAToken() {
        given().get("/inbox/stream").then().statusCode(401);
    }
}
