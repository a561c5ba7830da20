package org.minqing.notification.messaging;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.kit.inbox.InboxBatches;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The topics notices and their recipients come from, one channel each (ordered, idempotent, poison messages to
 * {@code <topic>.dlt.notification}). The busy ones (cases, referrals, reception days) take a poll's records in
 * one transaction (issue 16, ADR 0025); the directories (representatives, units) one at a time.
 */
@ApplicationScoped
public class Consumers {

    @Inject
    EventHandler handler;

    @Inject
    InboxBatches batches;

    @Incoming("reception-days")
    @Blocking
    public CompletionStage<Void> onReceptionDay(KafkaRecordBatch<String, String> batch) {
        return batches.take(EventHandler.CONSUMER, batch, InboxBatches.Retry.ONCE, handler::apply);
    }

    @Incoming("representatives")
    @Blocking
    @Transactional
    public void onRepresentative(String value) {
        handler.handle(value);
    }

    @Incoming("cases")
    @Blocking
    public CompletionStage<Void> onCase(KafkaRecordBatch<String, String> batch) {
        return batches.take(EventHandler.CONSUMER, batch, InboxBatches.Retry.ONCE, handler::apply);
    }

    @Incoming("referrals")
    @Blocking
    public CompletionStage<Void> onReferral(KafkaRecordBatch<String, String> batch) {
        return batches.take(EventHandler.CONSUMER, batch, InboxBatches.Retry.ONCE, handler::apply);
    }

    /** Handling units from referral-service: the unit mailboxes (issue 14). */
    @Incoming("units")
    @Blocking
    @Transactional
    public void onUnit(String value) {
        handler.handle(value);
    }
}
