package org.minqing.referral.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.minqing.events.Actor;
import org.minqing.events.EventType;
import org.minqing.events.referral.DeadlineApproaching;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralOverdue;
import org.minqing.events.referral.Tier;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.Referral;
import org.minqing.referral.ReferralStatus;
import org.minqing.referral.Supervision;

/**
 * Deadline watch (时限督办): tells the unit when a time limit is near (临期) and when it has
 * passed (超期), once per referral, deadline and notice (the {@code deadline_notice} table
 * remembers what was emitted), and moves an overdue referral's supervision one tier up.
 */
@ApplicationScoped
public class DeadlineScheduler {

    private static final Logger LOG = Logger.getLogger(DeadlineScheduler.class);
    static final Actor SYSTEM = Actor.system("referral-service");

    @Inject
    AppClock clock;

    @Inject
    WorkingCalendar calendar;

    @Inject
    ReferralService referrals;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "referral.deadline.approaching-working-days", defaultValue = "3")
    int approachingWorkingDays;

    @Scheduled(every = "{referral.scheduler.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "referral-deadlines")
    void scheduled() {
        runOnce();
    }

    /** One pass over the open referrals; returns the number of notices emitted. Tests call it directly. */
    public int runOnce() {
        LocalDate today = clock.today();
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select r.id from Referral r where r.status <> :closed and r.mergedInto is null", UUID.class)
                .setParameter("closed", ReferralStatus.CLOSED).getResultList());
        int emitted = 0;
        for (UUID id : ids) {
            try {
                emitted += QuarkusTransaction.requiringNew().call(() -> check(id, today));
            } catch (RuntimeException e) {
                LOG.warnf(e, "deadline check of referral %s failed; retried next run", id);
            }
        }
        return emitted;
    }

    /** One referral's check in its own transaction, as a run does it; tests use it to race a reply. */
    public int checkOne(UUID id) {
        LocalDate today = clock.today();
        return QuarkusTransaction.requiringNew().call(() -> check(id, today));
    }

    private record Deadline(DeadlineKind kind, LocalDate due) {
    }

    int check(UUID id, LocalDate today) {
        // Locked (L2): a reply racing this check either commits first and is seen here (no OVERDUE
        // after a REPLIED), or waits; and whatever this check emits bumps the version (see below),
        // so that waiting reply loses its optimistic lock instead of committing an event that was
        // numbered in the outbox before this one.
        Referral r = Referral.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (r == null || !r.status.isOpen()) {
            return 0;
        }
        List<Deadline> deadlines = new ArrayList<>();
        if (r.status == ReferralStatus.TO_ROUTE || r.status == ReferralStatus.RETURNED
                || r.status == ReferralStatus.REFERRED) {
            deadlines.add(new Deadline(DeadlineKind.ACKNOWLEDGE, r.acknowledgeBy));
        }
        if (r.dueDate != null && r.deadlineKind != null && (r.status == ReferralStatus.REFERRED
                || r.status == ReferralStatus.ACCEPTED || r.status == ReferralStatus.IN_PROGRESS
                || r.status == ReferralStatus.EXTENDED || r.status == ReferralStatus.REOPENED)) {
            deadlines.add(new Deadline(r.deadlineKind, r.dueDate));
        }
        int emitted = 0;
        boolean escalated = false;
        String unitId = r.unitId == null ? null : r.unitId.toString();
        for (Deadline d : deadlines) {
            if (today.isAfter(d.due())) {
                if (record(r, d, "OVERDUE")) {
                    emitted++;
                    bumpVersion(r);
                    referrals.emit(EventType.REFERRAL_OVERDUE, r, SYSTEM,
                            new ReferralOverdue(r.id.toString(), r.caseId, d.kind(), d.due(), unitId));
                    referrals.timeline(r, SYSTEM, "OVERDUE", r.status, r.status, d.kind() + " 已于 " + d.due() + " 到期");
                    if (!escalated) {
                        escalated = escalate(r, d);
                    }
                }
            } else {
                int left = calendar.workingDaysBetween(today, d.due());
                if (left <= approachingWorkingDays && record(r, d, "APPROACHING")) {
                    emitted++;
                    bumpVersion(r);
                    referrals.emit(EventType.REFERRAL_DEADLINE_APPROACHING, r, SYSTEM,
                            new DeadlineApproaching(r.id.toString(), r.caseId, d.kind(), d.due(), unitId, left));
                }
            }
        }
        // 督办单 past its reply-by date, unanswered: flagged once, the unit and supervisor told, escalated
        for (Supervision s : Supervision.<Supervision>list(
                "referralId = ?1 and answeredAt is null and overdueAt is null and replyBy < ?2 order by id", r.id, today)) {
            Deadline d = new Deadline(DeadlineKind.SUPERVISION, s.replyBy);
            s.overdueAt = clock.instant();
            if (record(r, d, "OVERDUE")) {
                emitted++;
                bumpVersion(r);
                referrals.emit(EventType.REFERRAL_OVERDUE, r, SYSTEM,
                        new ReferralOverdue(r.id.toString(), r.caseId, DeadlineKind.SUPERVISION, s.replyBy, unitId));
                referrals.timeline(r, SYSTEM, "OVERDUE", r.status, r.status, "督办单 " + s.id + " 回复期限 " + s.replyBy + " 已过");
                if (!escalated) {
                    escalated = escalate(r, d);
                }
            }
        }
        return emitted;
    }

    /** 提级督办: community → sub-district → district; the district is the top of the platform. */
    private boolean escalate(Referral r, Deadline d) {
        Tier from = r.watchTier;
        Tier to;
        String toCode;
        switch (from) {
            case COMMUNITY -> {
                to = Tier.SUBDISTRICT;
                toCode = r.subdistrictCode;
            }
            case SUBDISTRICT -> {
                to = Tier.DISTRICT;
                toCode = Jurisdiction.at(r.communityCode, Jurisdiction.Tier.DISTRICT);
            }
            default -> {
                return false;
            }
        }
        r.watchTier = to;
        r.watchJurisdiction = toCode;
        r.priority++;
        String reason = d.kind() + " 超期（" + d.due() + "） / overdue since " + d.due();
        referrals.timeline(r, SYSTEM, "ESCALATE", r.status, r.status, from + " → " + to + "：" + reason);
        referrals.emit(EventType.REFERRAL_ESCALATED, r, SYSTEM,
                new ReferralEscalated(r.id.toString(), r.caseId, from, to, toCode, reason));
        return true;
    }

    /** An event about the referral is a change of it: concurrent writers must see a new version. */
    private void bumpVersion(Referral r) {
        em.lock(r, jakarta.persistence.LockModeType.PESSIMISTIC_FORCE_INCREMENT);
    }

    private boolean record(Referral r, Deadline d, String notice) {
        return em.createNativeQuery("""
                insert into deadline_notice (referral_id, kind, due_date, notice, emitted_at)
                values (:r, :k, :d, :n, :at) on conflict do nothing""")
                .setParameter("r", r.id).setParameter("k", d.kind().name()).setParameter("d", d.due())
                .setParameter("n", notice).setParameter("at", clock.instant()).executeUpdate() == 1;
    }
}
