package org.minqing.notification.service;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.minqing.kit.time.AppClock;
import org.minqing.notification.config.NotificationConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** 免打扰时段: no non-urgent SMS between 22:00 and 08:00 Asia/Shanghai; they wait for 08:00. */
@ApplicationScoped
public class QuietHours {

    @Inject
    NotificationConfig config;

    public boolean isQuiet(Instant at) {
        LocalTime t = at.atZone(AppClock.ZONE).toLocalTime();
        LocalTime start = config.quietStart();
        LocalTime end = config.quietEnd();
        return start.isAfter(end) ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
    }

    /** The next end of quiet hours after {@code at} (08:00 today or tomorrow, Shanghai time). */
    public Instant nextEnd(Instant at) {
        ZonedDateTime z = at.atZone(AppClock.ZONE);
        ZonedDateTime end = z.toLocalDate().atTime(config.quietEnd()).atZone(AppClock.ZONE);
        if (!end.isAfter(z)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
