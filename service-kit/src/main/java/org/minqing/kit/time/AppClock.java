package org.minqing.kit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's clock, in Asia/Shanghai. Deadlines and schedulers read time only from here, so
 * tests (and the end-to-end suite, through {@code /ops/clock} when enabled) can move it forward.
 */
@ApplicationScoped
public class AppClock extends Clock {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Clock system = Clock.system(ZONE);
    private volatile Duration offset = Duration.ZERO;

    @ConfigProperty(name = "minqing.clock.adjustable", defaultValue = "false")
    boolean adjustable;

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(system, offset).withZone(zone);
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset);
    }

    public LocalDate today() {
        return LocalDate.now(this);
    }

    public ZonedDateTime now() {
        return ZonedDateTime.now(this);
    }

    public boolean isAdjustable() {
        return adjustable;
    }

    public Duration offset() {
        return offset;
    }

    /** Moves the clock so that "now" is {@code offset} away from real time; tests only. */
    public void setOffset(Duration offset) {
        if (!adjustable) {
            throw new IllegalStateException("clock is not adjustable (minqing.clock.adjustable=false)");
        }
        this.offset = offset;
    }
}
