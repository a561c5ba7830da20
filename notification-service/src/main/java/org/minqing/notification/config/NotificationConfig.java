package org.minqing.notification.config;

import java.time.Duration;
import java.time.LocalTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Delivery tuning: retries, back-off, quiet hours. */
@ConfigMapping(prefix = "minqing.notification")
public interface NotificationConfig {

    /** Attempts before a notice is dead and shown to ops. */
    @WithDefault("8")
    int maxAttempts();

    /** First retry delay; doubles with each attempt. */
    @WithDefault("PT30S")
    Duration backoffBase();

    @WithDefault("PT1H")
    Duration backoffMax();

    /** How long a claimed notice stays claimed; after that a crashed send is retried (same idempotency key). */
    @WithDefault("PT2M")
    Duration claimLease();

    @WithDefault("50")
    int batchSize();

    /** How often the dispatcher looks for due notices when nothing woke it. */
    @WithDefault("PT2S")
    Duration pollInterval();

    @WithDefault("true")
    boolean dispatcherEnabled();

    /** How often the day-before reminders are planned (a scheduler "every" value). */
    @WithDefault("5m")
    String reminderInterval();

    /** No non-urgent SMS from quietStart to quietEnd, Asia/Shanghai; equal times mean no quiet hours. */
    @WithDefault("22:00")
    LocalTime quietStart();

    @WithDefault("08:00")
    LocalTime quietEnd();
}
