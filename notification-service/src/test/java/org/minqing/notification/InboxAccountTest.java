package org.minqing.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.testing.TestTokens;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;

/**
 * M6 and L6: tokens shaped like Keycloak's — {@code sub} a UUID, the account name in
 * {@code preferred_username}. In-app notices are addressed by account name (mailboxes and
 * representatives carry it), so the inbox, its stream and the preferences are keyed by it too;
 * and the stream ends when the token that opened it expires.
 */
@QuarkusTest
class InboxAccountTest extends DaytimeTest {

    static final String COMMUNITY = "310104001001";

    @TestHTTPResource("/inbox/stream")
    URL streamUrl;

    /** A token as Keycloak issues it: UUID subject, account name apart. */
    static String keycloakLike(String account, String representativeId, long lifetimeSeconds) {
        return Jwt.claims(Map.of("jurisdiction", COMMUNITY, "representative_id", representativeId))
                .subject(UUID.randomUUID().toString())
                .preferredUserName(account)
                .issuer(TestTokens.ISSUER)
                .audience("https://service.example.com")
                .claim("realm_access", Map.of("roles", Set.of("representative")))
                .expiresIn(lifetimeSeconds)
                .jws().keyId("1").sign("privateKey.jwk");
    }

    @Test
    void aNoticeAddressedToAnAccountReachesItsInboxAndStreamUnderAUuidSubject() {
        String account = "rep.acct-" + UUID.randomUUID().toString().substring(0, 8);
        String rep = TestSupport.representative(em, COMMUNITY, account, null, null);
        String token = keycloakLike(account, rep, 600);

        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<?> stream = SseLines.open(HttpClient.newHttpClient(), streamUrl, token, lines);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> SseLines.has(lines, "connected"));
            EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(23), List.of(rep));
            TestSupport.send(scheduled);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Notice n = TestSupport.notice(scheduled.eventId(), Channel.IN_APP);
                return n != null && n.state == NoticeState.SENT;
            });
            String id = TestSupport.notice(scheduled.eventId(), Channel.IN_APP).id.toString();
            await().atMost(Duration.ofSeconds(30)).until(() -> SseLines.has(lines, id));
            given().auth().oauth2(token).get("/inbox").then().statusCode(200).body("id", hasItem(id));
            given().auth().oauth2(token).post("/inbox/" + id + "/read").then().statusCode(200)
                    .body("readAt", notNullValue());
        } finally {
            stream.cancel(true);
        }
        // preferences are the account's too: the dispatcher looks them up by the address book's account name
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("channels", List.of("IN_APP"), "optOut", false)).put("/preferences/me")
                .then().statusCode(200).body("userSubject", is(account));
    }

    @Test
    void theStreamEndsWhenItsTokenExpires() throws Exception {
        String account = "rep.short-" + UUID.randomUUID().toString().substring(0, 8);
        String token = keycloakLike(account, UUID.randomUUID().toString(), 4);
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<?> stream = SseLines.open(HttpClient.newHttpClient(), streamUrl, token, lines);
        try {
            await().atMost(Duration.ofSeconds(3)).until(() -> SseLines.has(lines, "connected"));
            // the server closes it (after saying why); without that this would wait for ever
            stream.get(30, TimeUnit.SECONDS);
            assertThat(String.join("\n", lines)).contains("expired");
        } finally {
            stream.cancel(true);
        }
    }
}
