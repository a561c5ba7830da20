package org.minqing.notification.service;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.minqing.kit.time.AppClock;
import org.minqing.notification.ReceptionDay;
import org.minqing.notification.RecipientKind;
import org.minqing.notification.messaging.EventHandler;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * 接访前一日提醒: the day before a reception day, remind its rostered representatives. The
 * reminder's source id is derived from the day and date, so it is planned once even if this runs
 * on several instances or twice.
 */
@ApplicationScoped
public class ReminderScheduler {

    public static final String REMINDER = "notification.reception-day.reminder";

    @Inject
    AppClock clock;

    @Inject
    NoticePlanner planner;

    @Scheduled(every = "${minqing.notification.reminder-interval:5m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        planDue();
    }

    /** Plans reminders for reception days that are tomorrow (Asia/Shanghai); returns how many days. */
    public int planDue() {
        LocalDate tomorrow = clock.today().plusDays(1);
        return QuarkusTransaction.requiringNew().call(() -> {
            List<ReceptionDay> days = ReceptionDay.list("day = ?1 and reminderPlanned = false and cancelled = false", tomorrow);
            for (ReceptionDay d : days) {
                UUID source = UUID.nameUUIDFromBytes(("reminder:" + d.id + ":" + d.day).getBytes(StandardCharsets.UTF_8));
                planner.plan(new NoticePlanner.Plan(source, REMINDER, d.correlationId, d.communityCode, false,
                        EventHandler.dayParams(d), Map.of(RecipientKind.REPRESENTATIVE, d.rosterIds())));
                d.reminderPlanned = true;
            }
            return days.size();
        });
    }
}
