package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minqing.testing.DemoRealm.C11;
import static org.minqing.testing.DemoRealm.UNIT_HOUSING;
import static org.minqing.e2e.Api.as;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.e2e.Api.url;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: every service serves {@code /q/metrics} without a token (as Prometheus scrapes it), with
 * the HTTP and JVM meters and the business counters, and those counters count what happened:
 * cases recorded by channel, referrals opened, notices sent, the outbox emptied, the deadline watch run.
 */
@Order(7)
class MetricsTest {

    @Test
    void theBusinessCountersCountWhatHappened() {
        for (String service : List.of("intake", "representative", "referral", "notification")) {
            String text = Metrics.scrape(service);
            keep(service, text);
            assertThat(Metrics.value(text, "jvm_memory_used_bytes")).as(service + " JVM meters").isNotNull();
            // Every service has an outbox and its gauges; the series exist before anything happens.
            assertThat(Metrics.value(text, "minqing_outbox_waiting")).as(service + " outbox waiting").isNotNull();
            assertThat(Metrics.value(text, "minqing_outbox_oldest_age_seconds")).as(service + " outbox age").isNotNull();
            assertThat(Metrics.value(text, "minqing_outbox_parked")).as(service + " outbox parked").isNotNull();
        }
        String referralText = Metrics.scrape("referral");
        for (String name : List.of("minqing_referrals_opened_total", "minqing_referrals_overdue_total",
                "minqing_referrals_escalated_total", "minqing_deadline_watch_runs_total")) {
            assertThat(Metrics.value(referralText, name)).as(name).isNotNull();
        }
        // Dead letters per incoming channel: the series exist from the channel's start.
        assertThat(Metrics.value(Metrics.scrape("intake"), "minqing_dead_lettered_total", "channel", "referrals")).isNotNull();
        assertThat(Metrics.value(Metrics.scrape("notification"), "minqing_notices_dead_total", "channel", "EMAIL")).isNotNull();

        double hotlineBefore = Metrics.now("intake", "minqing_cases_recorded_total", "channel", "HOTLINE");
        double receptionBefore = Metrics.now("intake", "minqing_cases_recorded_total", "channel", "RECEPTION_DAY");
        double openedBefore = Metrics.now("referral", "minqing_referrals_opened_total");
        double smsSentBefore = Metrics.now("notification", "minqing_notices_sent_total", "channel", "SMS");

        // Two unrelated HOTLINE cases (different lines, places and words: no repeat link), each referred.
        String phone1 = Api.freshPhone();
        String phone2 = Api.freshPhone();
        Map<String, Object> first = Api.hotlineCase(C11, "housing",
                "楼道照明损坏多日，夜间出行不便 " + UUID.randomUUID(), phone1, Api.freshIdNumber());
        Map<String, Object> second = Api.hotlineCase(C11, "planning",
                "社区东门外人行道被施工围挡占用，要求恢复通行 " + UUID.randomUUID(), phone2, Api.freshIdNumber());
        String case1 = Api.recordCase("c11.staff", first).then().statusCode(201).extract().path("id");
        String case2 = Api.recordCase("c11.staff", second).then().statusCode(201).extract().path("id");

        // Counted once committed, before the answer: exactly two, and on their channel only.
        assertThat(Metrics.now("intake", "minqing_cases_recorded_total", "channel", "HOTLINE")).isEqualTo(hotlineBefore + 2);
        assertThat(Metrics.now("intake", "minqing_cases_recorded_total", "channel", "RECEPTION_DAY"))
                .isEqualTo(receptionBefore);

        String ref1 = eventually().until(() -> Api.referralsOfCase("sub1.staff", case1), l -> l.size() == 1)
                .get(0).get("id").toString();
        eventually().until(() -> Api.referralsOfCase("sub1.staff", case2), l -> l.size() == 1);
        as("sub1.staff").body(Map.of("route", "SUBDISTRICT_DEPARTMENT", "unitId", UNIT_HOUSING, "difficult", false))
                .post(url("referral", "/referrals/" + ref1 + "/route")).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("REFERRED"));
        // Two cases, two referrals opened: the counter moves with the commit, a moment after the row is seen.
        eventually().untilAsserted(() -> assertThat(Metrics.now("referral", "minqing_referrals_opened_total"))
                .isGreaterThanOrEqualTo(openedBefore + 2));
        assertThat(Metrics.now("referral", "minqing_referrals_opened_total")).isEqualTo(openedBefore + 2);

        // Each visitor is acknowledged by SMS (the gateway stub got it); other notices may be sent meanwhile.
        eventually().untilAsserted(() -> assertThat(Api.platform().sms.sentBodies())
                .anySatisfy(b -> assertThat(b).contains(phone1))
                .anySatisfy(b -> assertThat(b).contains(phone2)));
        eventually().untilAsserted(() -> assertThat(Metrics.now("notification", "minqing_notices_sent_total", "channel", "SMS"))
                .isGreaterThanOrEqualTo(smsSentBefore + 2));

        // The outbox gauges follow the table: once relayed, nothing waits and nothing is old.
        eventually().untilAsserted(() -> {
            String text = Metrics.scrape("intake");
            assertThat(Metrics.value(text, "minqing_outbox_waiting")).isZero();
            assertThat(Metrics.value(text, "minqing_outbox_oldest_age_seconds")).isZero();
        });
        assertThat(Db.count("intake", "select count(*) from outbox_event where sent_at is null and parked_at is null"
                + " and message_key = any(?)", List.of(case1, case2))).isZero();

        for (String service : List.of("intake", "representative", "referral", "notification")) {
            keep(service + "-after", Metrics.scrape(service));
        }
        // HTTP meters by route (a series appears with its first request; the scrapes themselves are not counted).
        assertThat(Metrics.now("intake", "http_server_requests_seconds_count", "method", "POST", "uri", "/cases"))
                .as("intake POST /cases").isGreaterThanOrEqualTo(2);
        assertThat(Metrics.now("referral", "http_server_requests_seconds_count", "method", "POST", "uri",
                "/referrals/{id}/route")).as("referral route").isGreaterThanOrEqualTo(1);
        // The deadline watch runs on its schedule (every 60 s here) and says so.
        eventually().untilAsserted(() -> assertThat(
                Metrics.now("referral", "minqing_deadline_watch_runs_total", "outcome", "ok")).isPositive());
    }

    /** The scrape, kept beside the test reports for whoever reads a failure (or checks metrics.txt). */
    private static void keep(String name, String text) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "metrics");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(name + ".txt"), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
