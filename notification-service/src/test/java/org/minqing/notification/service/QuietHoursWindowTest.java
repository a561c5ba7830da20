package org.minqing.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.minqing.kit.time.AppClock;
import org.minqing.notification.config.NotificationConfig;

/** The quiet-hours window on its own: over midnight, within a day, and empty (start = end, as the e2e suite sets it). */
class QuietHoursWindowTest {

    static QuietHours window(String start, String end) {
        QuietHours q = new QuietHours();
        q.config = (NotificationConfig) Proxy.newProxyInstance(NotificationConfig.class.getClassLoader(),
                new Class<?>[] { NotificationConfig.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "quietStart" -> LocalTime.parse(start);
                    case "quietEnd" -> LocalTime.parse(end);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return q;
    }

    static boolean quietAt(QuietHours q, String time) {
        return q.isQuiet(ZonedDateTime.of(2026, 11, 27, 0, 0, 0, 0, AppClock.ZONE).with(LocalTime.parse(time)).toInstant());
    }

    @Test
    void theDefaultWindowRunsOverMidnight() {
        QuietHours q = window("22:00", "08:00");
        assertThat(quietAt(q, "21:59")).isFalse();
        assertThat(quietAt(q, "22:00")).isTrue();
        assertThat(quietAt(q, "23:30")).isTrue();
        assertThat(quietAt(q, "00:00")).isTrue();
        assertThat(quietAt(q, "07:59")).isTrue();
        assertThat(quietAt(q, "08:00")).isFalse();
        assertThat(quietAt(q, "12:00")).isFalse();
    }

    @Test
    void aWindowWithinOneDay() {
        QuietHours q = window("12:00", "14:00");
        assertThat(quietAt(q, "11:59")).isFalse();
        assertThat(quietAt(q, "12:00")).isTrue();
        assertThat(quietAt(q, "13:59")).isTrue();
        assertThat(quietAt(q, "14:00")).isFalse();
        assertThat(quietAt(q, "23:00")).isFalse();
    }

    @Test
    void equalStartAndEndMeanNoQuietHours() {
        QuietHours q = window("00:00", "00:00");
        for (String t : new String[] { "00:00", "03:00", "07:59", "12:00", "22:00", "23:59" }) {
            assertThat(quietAt(q, t)).as(t).isFalse();
        }
    }
}
