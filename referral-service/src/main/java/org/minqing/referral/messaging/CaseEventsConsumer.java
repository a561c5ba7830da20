package org.minqing.referral.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
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
        for (int attempt = 1;; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> apply(env));
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !concurrentChange(e)) {
                    throw e;
                }
                LOG.debugf("event %s met a concurrent change; attempt %d", env.eventId(), attempt + 1);
            }
        }
    }

    void apply(EventEnvelope env) {
        if (!inbox.firstDelivery("referral-service", env)) {
            return;
        }
        EventType type = env.eventType().orElse(null);
        if (type == EventType.CASE_RECORDED) {
            incoming.caseRecorded(env, InboundEvents.payload(env, CaseRecorded.class));
        } else if (type == EventType.CASE_FEEDBACK_GIVEN) {
            referrals.feedbackGiven(env, InboundEvents.payload(env, FeedbackGiven.class));
        }
    }

    static boolean concurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return true;
            }
        }
        return false;
    }
}
