package org.minqing.notification;

import org.junit.jupiter.api.BeforeEach;
import org.minqing.kit.time.AppClock;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * What the notice tests share: the entity manager to read our tables back, and "now" pinned to
 * 10:00 Asia/Shanghai so SMS tests do not depend on whether CI runs inside the real quiet hours.
 */
abstract class DaytimeTest {

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @BeforeEach
    void daytime() {
        TestSupport.daytime(clock);
    }
}
