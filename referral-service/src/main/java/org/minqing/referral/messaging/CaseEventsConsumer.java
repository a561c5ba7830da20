package org.minqing.referral.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.referral.service.ReferralService;

/** Intake's case events (接访登记、来访人评价): a recorded case opens or repeats a referral; feedback closes or reopens it. */
@ApplicationScoped
public class CaseEventsConsumer {

    @Inject
    Inbox inbox;

    @Inject
    ReferralService referrals;

    @Incoming("cases")
    @Blocking // ordered: one message at a time per partition
    @Transactional
    public void on(String value) {
        EventEnvelope env = InboundEvents.read(value);
        if (!inbox.firstDelivery("referral-service", env)) {
            return;
        }
        EventType type = env.eventType().orElse(null);
        if (type == EventType.CASE_RECORDED) {
            referrals.caseRecorded(env, InboundEvents.payload(env, CaseRecorded.class));
        } else if (type == EventType.CASE_FEEDBACK_GIVEN) {
            referrals.feedbackGiven(env, InboundEvents.payload(env, FeedbackGiven.class));
        }
    }
}
