package org.minqing.notification;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.kit.time.AppClock;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Issue 16: a backlog larger than one batch is sent in one go. With a poll interval of an hour and
 * batches of two, the six notices of one reception day (SMS and e-mail to three representatives) are
 * all sent after one wake-up; before the fix the dispatcher sent two and slept until the next tick.
 */
@QuarkusTest
@TestProfile(DispatcherBacklogTest.SmallBatchesSlowTick.class)
class DispatcherBacklogTest {

    public static class SmallBatchesSlowTick implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("minqing.notification.poll-interval", "PT1H", "minqing.notification.batch-size", "2");
        }
    }

    static final String COMMUNITY = "310104001002";

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    org.minqing.notification.service.DispatchSignal signal;

    @Test
    void aBacklogOfThreeBatchesGoesOutAfterOneWakeUp() {
        TestSupport.daytime(clock);
        List<String> reps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            reps.add(TestSupport.representative(em, COMMUNITY, null, "backlog-" + UUID.randomUUID() + "@example.cn",
                    TestSupport.mobile()));
        }
        EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(20), reps);
        TestSupport.send(scheduled);
        await().atMost(Duration.ofSeconds(60)).until(() -> TestSupport.notices(scheduled.eventId()).size() >= 6);

        signal.wakeNow();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Notice> notices = TestSupport.notices(scheduled.eventId());
            // Every notice was taken up (sent, or tried and set for a retry): none left waiting for the next tick.
            return notices.size() >= 6 && notices.stream().allMatch(n -> n.state == NoticeState.SENT || n.attempts > 0);
        });
    }
}
