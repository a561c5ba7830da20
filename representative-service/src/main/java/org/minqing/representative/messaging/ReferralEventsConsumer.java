package org.minqing.representative.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.inbox.InboxBatches;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.representative.service.ArchiveFiller;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Referrals on representative-led routes → suggestion records that follow the handling; each event once, a poll at a time (ADR 0025). */
@ApplicationScoped
public class ReferralEventsConsumer {

    @Inject
    InboxBatches batches;

    @Inject
    ArchiveFiller archive;

    @Incoming("referrals")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return batches.take(CaseEventsConsumer.CONSUMER, batch, InboxBatches.Retry.ONCE, this::apply);
    }

    void apply(Inbox.Delivery d) {
        EventEnvelope env = d.envelope();
        EventType type = d.type();
        String referralId = env.aggregateId();
        switch (type) {
            case REFERRAL_REFERRED -> archive.referred(env, InboundEvents.payload(env, ReferralReferred.class));
            case REFERRAL_REPLIED -> archive.replied(InboundEvents.payload(env, ReferralReplied.class));
            case REFERRAL_ACCEPTED -> archive.status(referralId, "ACCEPTED");
            case REFERRAL_RETURNED -> archive.status(referralId, "RETURNED");
            case REFERRAL_EXTENDED -> archive.status(referralId, "EXTENDED");
            case REFERRAL_OVERDUE -> archive.status(referralId, "OVERDUE");
            case REFERRAL_ESCALATED -> archive.status(referralId, "ESCALATED");
            case REFERRAL_CLOSED -> archive.status(referralId, "CLOSED");
            case REFERRAL_REOPENED -> archive.status(referralId, "REOPENED");
            default -> {
                // other referral events do not change the archive
            }
        }
    }
}
