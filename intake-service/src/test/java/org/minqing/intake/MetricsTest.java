package org.minqing.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 15: /q/metrics is served without a token, and minqing_cases_recorded_total counts committed
 * cases by channel: a refused request and an idempotent replay are not counted.
 */
@QuarkusTest
class MetricsTest {

    @Test
    void casesRecordedAreCountedByChannelOnceCommitted() {
        double hotline = recorded("HOTLINE");
        double reception = recorded("RECEPTION_DAY");
        String token = staff(C11);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = caseBody(C11, "井盖松动 " + unique("metrics"));

        as(token).header("Idempotency-Key", key).contentType("application/json").body(body).post("/cases")
                .then().statusCode(201);
        // The same request again: the first case is returned, nothing new is recorded.
        as(token).header("Idempotency-Key", key).contentType("application/json").body(body).post("/cases")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        // A refused one (a line not in the catalogue): no case.
        Map<String, Object> bad = caseBody(C11, "无效 " + unique("metrics"));
        bad.put("lineCode", "no-such-line");
        record(token, bad).then().statusCode(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.greaterThanOrEqualTo(400),
                org.hamcrest.Matchers.lessThan(500)));
        recordOk(token, caseBody(C11, "路面塌陷 " + unique("metrics")));

        assertThat(recorded("HOTLINE")).isEqualTo(hotline + 2);
        assertThat(recorded("RECEPTION_DAY")).isEqualTo(reception);
    }

    @Test
    void metricsAreServedWithHttpJvmAndOutboxMeters() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(text).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds_count")
                .contains("minqing_outbox_waiting").contains("minqing_outbox_oldest_age_seconds")
                .contains("minqing_outbox_parked").contains("minqing_dead_lettered_total{channel=\"referrals\"}");
    }

    private static double recorded(String channel) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^minqing_cases_recorded_total\\{[^}]*channel=\"" + channel + "\"[^}]*}\\s+(\\S+)")
                .matcher(text);
        assertThat(m.find()).as("series for " + channel).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
