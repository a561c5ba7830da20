package org.minqing.referral.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
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
    }
}
