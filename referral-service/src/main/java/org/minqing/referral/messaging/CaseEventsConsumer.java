package org.minqing.referral.messaging;

import java.util.concurrent.CompletionStage;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.events.EventType;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.inbox.InboxBatches;
import org.minqing.referral.service.IncomingCases;
import org.minqing.referral.service.ReferralService;

/**
 * Intake's case events (接访登记、来访人评价): a recorded case opens or repeats a referral; feedback
 * closes or reopens it. Each event is applied once (inbox); a poll's events in one transaction
 * (issue 16, ADR 0025). If that fails, each event in its own transaction, and if staff changed
 * the same referral at that moment (optimistic lock), again on fresh data rather than dead-lettered.
 */
@ApplicationScoped
public class CaseEventsConsumer {

    static final String CONSUMER = "referral-service";

    @Inject
    InboxBatches batches;

    @Inject
    IncomingCases incoming;

    @Inject
    ReferralService referrals;

    @Incoming("cases")
    @Blocking // ordered: one poll at a time, each partition's records in order
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return batches.take(CONSUMER, batch, InboxBatches.Retry.FRESH_DATA, this::apply);
    }

    void apply(Inbox.Delivery d) {
        if (d.type() == EventType.CASE_RECORDED) {
            incoming.caseRecorded(d.envelope(), d.payload(CaseRecorded.class));
        } else if (d.type() == EventType.CASE_FEEDBACK_GIVEN) {
            referrals.feedbackGiven(d.envelope(), d.payload(FeedbackGiven.class));
        }
    }
}
