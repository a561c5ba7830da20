package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.events.representative.ReceptionDayScheduled;
import org.minqing.notification.service.ReminderScheduler;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** 接访前一日提醒: the day before, rostered representatives are reminded, once. */
@QuarkusTest
class ReminderTest extends DaytimeTest {

    static final String COMMUNITY = "310104002001";

    @Inject
    ReminderScheduler scheduler;

    @Test
    void rosteredRepresentativesAreRemindedTheDayBeforeOnce() {
        TestSupport.SmsRepresentative rep = TestSupport.smsRepresentative(em, COMMUNITY);
        // scheduled for the day after tomorrow: no reminder yet
        EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(2), List.of(rep.id()));
        TestSupport.send(scheduled);
        await().atMost(Duration.ofSeconds(60)).until(() -> Stubs.smsTo(rep.mobile()).size() == 1);
        String dayId = scheduled.payloadAs(ReceptionDayScheduled.class).receptionDayId();
        UUID reminder = UUID.nameUUIDFromBytes(("reminder:" + dayId + ":" + clock.today().plusDays(2))
                .getBytes(StandardCharsets.UTF_8));
        scheduler.planDue();
        assertThat(TestSupport.notices(reminder)).isEmpty();

        // a day later (moved clock) it is tomorrow: the scheduler plans the reminder and it goes out
        clock.setOffset(TestSupport.daytimeOffset().plusDays(1));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Stubs.smsTo(rep.mobile()).size() == 2);
            assertThat(TestSupport.notices(reminder)).extracting(n -> n.channel)
                    .containsExactlyInAnyOrder(Channel.SMS, Channel.IN_APP);
            scheduler.planDue();
            assertThat(TestSupport.notices(reminder)).hasSize(2);
        } finally {
            TestSupport.daytime(clock);
        }
    }
}
