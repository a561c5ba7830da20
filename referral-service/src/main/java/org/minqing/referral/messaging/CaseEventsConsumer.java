package org.minqing.referral.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.minqing.kit.messaging.FreshDataRetry;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.referral.service.IncomingCases;
import org.minqing.referral.service.ReferralService;

/**
 * Intake's case events (接访登记、来访人评价): a recorded case opens or repeats a referral; feedback
 * closes or reopens it. Each event is applied once (inbox) in its own transaction; if staff changed
 * the same referral at that moment (optimistic lock), it is applied again on fresh data rather
 * than dead-lettered.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventsConsumer.class);
    private static final int ATTEMPTS = 5;

    @Inject
    Inbox inbox;

    @Inject
    IncomingCases incoming;

    @Inject
    ReferralService referrals;

    @Incoming("cases")
    @Blocking // ordered: one message at a time per partition
    public void on(String value) {
        EventEnvelope env = InboundEvents.read(value);
        FreshDataRetry.apply(env, this::apply);
    }

    void apply(EventEnvelope env) {
        inbox.receive("referral-service", env).ifPresent(d -> {
            if (d.type() == EventType.CASE_RECORDED) {
                incoming.caseRecorded(env, d.payload(CaseRecorded.class));
            } else if (d.type() == EventType.CASE_FEEDBACK_GIVEN) {
                referrals.feedbackGiven(env, d.payload(FeedbackGiven.class));
            }
        });
    }
}
