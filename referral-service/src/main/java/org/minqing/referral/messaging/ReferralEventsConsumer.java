package org.minqing.referral.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.SupervisionRequested;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.FreshDataRetry;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.referral.service.DelegatedReferrals;
import org.minqing.referral.service.ReferralService;

/**
 * Issue 14 (ADR 0020): referral-service reads its own topic, as two consumers in one channel (the
 * piece's own groups, so no piece takes another's partitions):
 * <ul>
 * <li>a 督办 request (supervision-requested) goes through the inbox's ownership filter like every
 * other event: only the piece holding the referral's jurisdiction issues the 督办单;</li>
 * <li>in the district's (root) piece, the lifecycle events of the jurisdictions other pieces own
 * feed the read model of delegated referrals ({@link DelegatedReferrals}), under their own inbox
 * consumer name; every other event is this piece's own and already in its tables.</li>
 * </ul>
 */
@ApplicationScoped
public class ReferralEventsConsumer {

    static final String CONSUMER = "referral-service";

    @Inject
    Inbox inbox;

    @Inject
    ReferralService referrals;

    @Inject
    DelegatedReferrals delegated;

    @Incoming("referrals")
    @Blocking // ordered: one message at a time per partition (a referral's events share its key)
    public void on(String value) {
        EventEnvelope env = InboundEvents.read(value);
        FreshDataRetry.apply(env, this::apply);
    }

    void apply(EventEnvelope env) {
        if (env.eventType().map(t -> t == EventType.REFERRAL_SUPERVISION_REQUESTED).orElse(false)) {
            inbox.receive(CONSUMER, env)
                    .ifPresent(d -> referrals.supervisionRequested(env, d.payload(SupervisionRequested.class)));
        } else if (delegated.takes(env)) {
            delegated.receive(env);
        }
    }
}
