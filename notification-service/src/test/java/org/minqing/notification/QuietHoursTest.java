package org.minqing.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.kit.time.AppClock;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** 免打扰: no non-urgent SMS between 22:00 and 08:00 Asia/Shanghai; it goes out at 08:00. E-mail is not held. */
@QuarkusTest
class QuietHoursTest {

    static final String COMMUNITY = "310104002002";

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    org.minqing.notification.service.QuietHours quietHours;

    @AfterEach
    void backToDaytime() {
        TestSupport.daytime(clock);
    }

    /** The clock offset that makes "now" hh:mm Shanghai time of the suite's day (after the pinned 10:00). */
    static Duration offsetTo(int hour, int minute) {
        ZonedDateTime real = ZonedDateTime.now(AppClock.ZONE);
        ZonedDateTime pinned = real.plus(TestSupport.daytimeOffset() == null ? Duration.ZERO : TestSupport.daytimeOffset());
        ZonedDateTime target = pinned.toLocalDate().atTime(LocalTime.of(hour, minute)).atZone(AppClock.ZONE);
        return Duration.between(real, target);
    }

    @Test
    void anSmsAtNightWaitsFor8amWhileTheEmailGoesAtOnce() {
        TestSupport.daytime(clock);
        String email = "night-" + UUID.randomUUID() + "@example.cn";
        String mobile = TestSupport.mobile();
        String rep = TestSupport.representative(em, COMMUNITY, null, email, mobile);

        clock.setOffset(offsetTo(23, 0));
        EventEnvelope scheduled = TestSupport.schedule(COMMUNITY, clock.today().plusDays(20), List.of(rep));
        TestSupport.send(scheduled);

        TestSupport.awaitExplained("the e-mail was sent at night", Duration.ofSeconds(60), scheduled.eventId(), clock,
                () -> RosterNoticeTest.mailTo(email) != null);
        TestSupport.awaitExplained("the SMS was deferred", Duration.ofSeconds(30), scheduled.eventId(), clock, () -> {
            Notice sms = TestSupport.notice(scheduled.eventId(), Channel.SMS);
            return sms != null && sms.lastError != null && sms.lastError.contains("quiet hours");
        });
        Notice deferred = TestSupport.notice(scheduled.eventId(), Channel.SMS);
        assertThat(deferred.state).isEqualTo(NoticeState.PENDING);
        assertThat(deferred.attempts).isZero();
        ZonedDateTime due = deferred.nextAttemptAt.atZone(AppClock.ZONE);
        assertThat(due.toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        assertThat(due.toLocalDate()).isEqualTo(clock.today().plusDays(1));
        assertThat(Stubs.smsTo(mobile)).isEmpty();

        // 07:59 next morning is still quiet; 08:00 is not
        assertThat(quietHours.isQuiet(due.toInstant().minusSeconds(60))).isTrue();
        assertThat(quietHours.isQuiet(due.toInstant())).isFalse();
        // 08:00: it goes out, once
        clock.setOffset(offsetTo(23, 0).plusHours(9).plusSeconds(1));
        TestSupport.awaitExplained("the SMS went at 08:00", Duration.ofSeconds(60), scheduled.eventId(), clock,
                () -> Stubs.smsTo(mobile).size() == 1);
        TestSupport.awaitExplained("the SMS was recorded sent", Duration.ofSeconds(30), scheduled.eventId(), clock,
                () -> TestSupport.notice(scheduled.eventId(), Channel.SMS).state == NoticeState.SENT);
        assertThat(TestSupport.notice(scheduled.eventId(), Channel.SMS).attempts).isEqualTo(1);
    }
}
