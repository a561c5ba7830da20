package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.testing.DemoRealm.C11;
import static org.minqing.e2e.Api.as;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.e2e.Api.url;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: one trace from {@code POST /cases} through referral-service and notification-service to
 * the SMTP hand-off, the context carried through each outbox and the Kafka 'traceparent' header. The
 * services export to the suite's OTLP receiver; the request starts the trace with a known id (as a
 * caller's own tracing would), so the test finds exactly its spans.
 */
@Order(8)
class TracingTest {

    private static final int SERVER = 2;
    private static final int PRODUCER = 4;
    private static final int CONSUMER = 5;

    @Test
    void oneTraceFromTheCaseThroughReferralAndNotificationToTheMailServer() {
        String traceId = HexFormat.of().formatHex(random(16));
        String traceParent = "00-" + traceId + "-" + HexFormat.of().formatHex(random(8)) + "-01";
        String visitorMail = "trace-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        Map<String, Object> body = Api.hotlineCase(C11, "housing", "单元门禁损坏，无法刷卡进出 " + UUID.randomUUID(),
                Api.freshPhone(), Api.freshIdNumber());
        body.put("visitors", List.of(Map.of("name", "测试居民", "phone", Api.freshPhone(), "idNumber", Api.freshIdNumber(),
                "email", visitorMail)));

        as("c11.staff").header("Idempotency-Key", UUID.randomUUID().toString()).header("traceparent", traceParent)
                .body(body).post(url("intake", "/cases")).then().statusCode(201);

        // The visitor's acknowledgement reaches the mail server, and its spans reach the receiver.
        eventually().untilAsserted(() -> assertThat(SeedStoryTest.mailsTo(Api.platform(), visitorMail)).isNotEmpty());
        OtlpReceiver otlp = Api.platform().otlp;
        eventually().untilAsserted(() -> {
            List<OtlpReceiver.Span> trace = otlp.trace(traceId);
            OtlpReceiver.Span post = one(trace, "intake-service", SERVER, "POST /cases");
            assertThat(post.parentSpanId()).as("the caller's context is continued").isEqualTo(traceParent.substring(36, 52));
            OtlpReceiver.Span intakePublish = one(trace, "intake-service", PRODUCER, "minqing.intake.case");
            assertThat(intakePublish.parentSpanId()).isEqualTo(post.spanId());

            // referral-service consumed the case in this trace and published its referral in it.
            // (By its topic: referral-service also reads its own referral topic, ADR 0020, in this trace too.)
            OtlpReceiver.Span referralConsume = one(trace, "referral-service", CONSUMER, "minqing.intake.case");
            assertThat(referralConsume.parentSpanId()).isEqualTo(intakePublish.spanId());
            List<OtlpReceiver.Span> referralPublishes = trace.stream()
                    .filter(s -> s.service().equals("referral-service") && s.kind() == PRODUCER).toList();
            assertThat(referralPublishes).as("referral's events of this case").isNotEmpty();

            // notification-service continued both: the case (its notice to the visitor) and the referral's event.
            List<OtlpReceiver.Span> notificationConsumes = trace.stream()
                    .filter(s -> s.service().equals("notification-service") && s.kind() == CONSUMER).toList();
            assertThat(notificationConsumes).anySatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(intakePublish.spanId()));
            assertThat(notificationConsumes).anySatisfy(s -> assertThat(referralPublishes.stream()
                    .map(OtlpReceiver.Span::spanId)).contains(s.parentSpanId()));

            // ... down to the hand-off of the e-mail to the mail server, in a span of this trace.
            OtlpReceiver.Span email = one(trace, "notification-service", -1, "notice EMAIL");
            assertThat(email.attributes()).containsEntry("minqing.notice.outcome", "SENT");
            assertThat(notificationConsumes.stream().map(OtlpReceiver.Span::spanId)).contains(email.parentSpanId());
        });
    }

    private static OtlpReceiver.Span one(List<OtlpReceiver.Span> trace, String service, int kind, String nameContains) {
        List<OtlpReceiver.Span> found = trace.stream().filter(s -> s.service().equals(service))
                .filter(s -> kind < 0 || s.kind() == kind).filter(s -> s.name().contains(nameContains)).toList();
        assertThat(found).as(service + " span kind " + kind + " '" + nameContains + "' in " + trace).hasSize(1);
        return found.get(0);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        do {
            ThreadLocalRandom.current().nextBytes(b);
        } while (allZero(b));
        return b;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
