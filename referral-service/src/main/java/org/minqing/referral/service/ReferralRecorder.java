package org.minqing.referral.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;

import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralOverdue;
import org.minqing.events.referral.Tier;
import org.minqing.kit.metrics.MinqingMeters;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.Referral;
import org.minqing.referral.ReferralStatus;
import org.minqing.referral.TimelineEntry;

/**
 * Writes down what happened to a referral: its timeline row (办理记录) and its event through the
 * outbox, both in the caller's transaction, so the history and the event stand or fall with the change.
 */
@ApplicationScoped
public class ReferralRecorder {

    @Inject
    Outbox outbox;

    @Inject
    AppClock clock;

    @Inject
    MinqingMeters meters;

    public void timeline(Referral r, Actor actor, String action, ReferralStatus from, ReferralStatus to, String reason) {
        TimelineEntry t = new TimelineEntry();
        t.referralId = r.id;
        t.at = clock.instant();
        t.actor = actor.subject();
        t.actorRole = actor.role();
        t.action = action;
        t.fromStatus = from == null ? null : from.name();
        t.toStatus = to == null ? null : to.name();
        t.reason = reason;
        t.persist();
    }

    public void emit(EventType type, Referral r, Actor actor, Object payload) {
        outbox.publish(type.topic().topic(), EventEnvelope.of(type, r.communityCode, r.id.toString(), r.caseId, actor, payload));
        // Issue 15: counted from the events, the one place every opening, overdue and escalation passes.
        switch (type) {
            case REFERRAL_OPENED -> meters.countCommitted(MinqingMeters.REFERRALS_OPENED);
            case REFERRAL_OVERDUE -> meters.countCommitted(MinqingMeters.REFERRALS_OVERDUE, "deadline",
                    ((ReferralOverdue) payload).deadlineKind().name());
            case REFERRAL_ESCALATED -> meters.countCommitted(MinqingMeters.REFERRALS_ESCALATED, "to",
                    ((ReferralEscalated) payload).toTier().name());
            default -> {
            }
        }
    }

    /** Issue 15: the series exist from the start, so rates and alerts see a 0, not a gap. */
    void registerMeters(@Observes StartupEvent event) {
        meters.counter(MinqingMeters.REFERRALS_OPENED);
        for (DeadlineKind kind : DeadlineKind.values()) {
            meters.counter(MinqingMeters.REFERRALS_OVERDUE, "deadline", kind.name());
        }
        for (Tier tier : new Tier[] { Tier.SUBDISTRICT, Tier.DISTRICT }) {
            meters.counter(MinqingMeters.REFERRALS_ESCALATED, "to", tier.name());
        }
    }
}
