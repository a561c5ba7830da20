package org.minqing.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

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

    /** Each time of day in {@code quiet} falls in the window, each in {@code audible} outside it. */
    static void assertWindow(QuietHours q, List<String> quiet, List<String> audible) {
        for (String t : quiet) {
            assertThat(quietAt(q, t)).as(t).isTrue();
        }
        for (String t : audible) {
            assertThat(quietAt(q, t)).as(t).isFalse();
        }
    }

    @Test
    void theDefaultWindowRunsOverMidnight() {
        assertWindow(window("22:00", "08:00"), List.of("22:00", "23:30", "00:00", "07:59"),
                List.of("21:59", "08:00", "12:00"));
    }

    @Test
    void aWindowWithinOneDay() {
        assertWindow(window("12:00", "14:00"), List.of("12:00", "13:59"), List.of("11:59", "14:00", "23:00"));
    }

    @Test
    void equalStartAndEndMeanNoQuietHours() {
        assertWindow(window("00:00", "00:00"), List.of(), List.of("00:00", "03:00", "07:59", "12:00", "22:00", "23:59"));
    }
}
