package org.minqing.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * M9: the mail system's error text echoes the recipient's address ({@code invalid email address
 * [...]}, {@code 550 5.1.1 <x@y>: Recipient address rejected}). What is stored on the notice and its
 * attempts, published in NOTICE_FAILED and shown at GET /notices carries it only masked.
 */
@QuarkusTest
class ErrorTextMaskingTest extends DaytimeTest {

    static final String COMMUNITY = "310104001002";

    @Test
    void theAddressInAMailErrorIsStoredPublishedAndShownOnlyMasked() {
        String secret = SmtpServerResource.REJECTED_PREFIX + UUID.randomUUID().toString().substring(0, 8);
        // The relay refuses it, quoting it: "550 5.1.1 <rejected-…@example.cn>: Recipient address rejected".
        String address = secret + "@example.cn";
        String rep = TestSupport.representative(em, COMMUNITY, null, address, null);
        EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(22), List.of(rep));
        TestSupport.send(scheduled);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Notice n = TestSupport.notice(scheduled.eventId(), Channel.EMAIL);
            return n != null && n.state == NoticeState.DEAD;
        });
        Notice n = TestSupport.notice(scheduled.eventId(), Channel.EMAIL);
        assertThat(n.lastError).contains("r***@example.cn").doesNotContain(secret);

        List<?> errors = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select coalesce(error, '') from notice_attempt where notice_id = :n")
                .setParameter("n", n.id).getResultList());
        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat((String) e).doesNotContain(secret));
        List<?> envelopes = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select envelope from outbox_event where message_key = :n")
                .setParameter("n", n.id.toString()).getResultList());
        assertThat(envelopes).isNotEmpty().allSatisfy(e -> assertThat((String) e).doesNotContain(secret));

        String ops = TestTokens.of("ops1", "ops-admin", "310104000000");
        String shown = given().auth().oauth2(ops).get("/notices/" + n.id).then().statusCode(200).extract().asString();
        assertThat(shown).contains("r***@example.cn").doesNotContain(secret);
    }
}
