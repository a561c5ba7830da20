package org.minqing.kit.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The business meters (业务指标) of every service, named once here. Prometheus sees a counter
 * {@code minqing.cases.recorded} as {@code minqing_cases_recorded_total}; the list the alert rules
 * and the dashboard may use is infra/observability/metrics.txt, which a test checks against the
 * names below.
 *
 * <p>Counters count what was committed: inside a transaction the increment waits for the commit,
 * so a rolled-back case or notice is never counted.
 */
@ApplicationScoped
public class MinqingMeters {

    /** intake: cases recorded, tag {@code channel} (RECEPTION_DAY, HOTLINE, ...). */
    public static final String CASES_RECORDED = "minqing.cases.recorded";
    /** referral: referrals opened (one per new case that is not a repeat). */
    public static final String REFERRALS_OPENED = "minqing.referrals.opened";
    /** referral: deadlines found overdue by the deadline watch, tag {@code deadline} (ACKNOWLEDGE, REPLY, ...). */
    public static final String REFERRALS_OVERDUE = "minqing.referrals.overdue";
    /** referral: referrals escalated to the next tier's watch, tag {@code to} (SUBDISTRICT, DISTRICT). */
    public static final String REFERRALS_ESCALATED = "minqing.referrals.escalated";
    /** referral: passes of the deadline watch, tag {@code outcome} (ok, failed: some referral's check failed). */
    public static final String DEADLINE_WATCH_RUNS = "minqing.deadline.watch.runs";
    /** notification: notices delivered, tag {@code channel} (EMAIL, SMS, IN_APP). */
    public static final String NOTICES_SENT = "minqing.notices.sent";
    /** notification: failed attempts that will be retried, tag {@code channel}. */
    public static final String NOTICES_FAILED = "minqing.notices.failed";
    /** notification: notices given up (permanent failure or attempt limit), tag {@code channel}. */
    public static final String NOTICES_DEAD = "minqing.notices.dead";
    /** every service: records sent to a dead-letter topic, tag {@code channel} (the incoming channel). */
    public static final String DEAD_LETTERED = "minqing.dead.lettered";
    /** every service (issue 14): events acknowledged and skipped because another piece owns their jurisdiction, tag {@code consumer}. */
    public static final String EVENTS_SKIPPED = "minqing.events.skipped";
    /** every service: outbox rows not yet published (parked rows excluded). */
    public static final String OUTBOX_WAITING = "minqing.outbox.waiting";
    /** every service: age in seconds of the oldest outbox row not yet published; 0 when none waits. */
    public static final String OUTBOX_OLDEST_AGE = "minqing.outbox.oldest.age.seconds";
    /** every service: outbox rows parked (L1) because they cannot be published; need an operator. */
    public static final String OUTBOX_PARKED = "minqing.outbox.parked";

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** The counter, registered (at 0) if new: services call it at start-up so that the series exist before the first event. */
    public Counter counter(String name, String... tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }

    /** Counts one, after the commit of the current transaction (or now, outside a transaction). */
    public void countCommitted(String name, String... tags) {
        Counter counter = counter(name, tags);
        if (transactions.getTransactionKey() == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            counter.increment();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    counter.increment();
                }
            }
        });
    }

    public MeterRegistry registry() {
        return registry;
    }
}
