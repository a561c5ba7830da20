package org.minqing.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.Events;
import org.minqing.notification.client.SmsGateway;
import org.minqing.notification.client.SmsGateway.SmsException;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The generic HTTP/JSON SMS adapter against a WireMock gateway: success, 5xx, timeouts, refusals. */
@QuarkusTest
class SmsGatewayAdapterTest {

    @Inject
    SmsGateway gateway;

    @Test
    void sendsJsonWithCredentialsAndIdempotencyKey() throws Exception {
        String mobile = TestSupport.mobile();
        String id = UUID.randomUUID().toString();
        gateway.send(id, mobile, "您反映的事项已登记，回执码 AB12", true);
        var requests = Stubs.smsTo(mobile);
        assertThat(requests).hasSize(1);
        var body = Events.mapper().readTree(requests.get(0).getBodyAsString());
        assertThat(body.get("text").asText()).isEqualTo("您反映的事项已登记，回执码 AB12");
        assertThat(body.get("messageId").asText()).isEqualTo(id);
        assertThat(body.get("urgent").asBoolean()).isTrue();
        assertThat(requests.get(0).getHeader("Idempotency-Key")).isEqualTo(id);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("minqing:sms-secret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void serverErrorsAndTimeoutsAreRetryableOtherRefusalsAreNot() {
        String down = stub(aResponse().withStatus(503));
        String slow = stub(aResponse().withStatus(200).withFixedDelay(3000));
        String refused = stub(aResponse().withStatus(400).withBody("{\"error\":\"bad number\"}"));
        String throttled = stub(aResponse().withStatus(429));

        assertThatThrownBy(() -> gateway.send("a", down, "x", false)).isInstanceOfSatisfying(SmsException.class,
                e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> gateway.send("b", slow, "x", false)).isInstanceOfSatisfying(SmsException.class,
                e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("timed out");
                });
        assertThatThrownBy(() -> gateway.send("c", refused, "x", false)).isInstanceOfSatisfying(SmsException.class,
                e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> gateway.send("d", throttled, "x", false)).isInstanceOfSatisfying(SmsException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    private static String stub(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        String mobile = TestSupport.mobile();
        Stubs.smsAnswers(mobile, response);
        return mobile;
    }
}
