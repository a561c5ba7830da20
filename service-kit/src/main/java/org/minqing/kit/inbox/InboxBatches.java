package org.minqing.kit.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.kit.messaging.FreshDataRetry;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.kit.piece.Ownership;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Issue 16 (ADR 0025): a consumer takes the records of one Kafka poll
 * ({@code mp.messaging.incoming.<ch>.batch=true}) in <b>one</b> transaction: one inbox insert for the
 * whole batch ({@link Inbox#firstDeliveries}), then each first-delivered event's effect in Kafka order
 * (per partition, so per key), one commit, and the latest offset per partition acknowledged.
 * <p>
 * If the batch's transaction fails, it is rolled back and every record is taken again on its own,
 * exactly as a per-record consumer does ({@link Inbox#receive} in its own transaction, {@link FreshDataRetry}
 * where asked): a poison record is nacked alone (the channel's {@code dead-letter-unless-transient} sends
 * it, and only it, to the dead-letter topic), the others are applied once, and a transient failure
 * (database away, shutdown) stops the channel without acknowledging anything of the batch.
 * <pre>
 * &#64;Incoming("cases") &#64;Blocking
 * public CompletionStage&lt;Void&gt; on(KafkaRecordBatch&lt;String, String&gt; batch) {
 *     return batches.take(CONSUMER, batch, Retry.FRESH_DATA, this::apply);
 * }
 * </pre>
 */
@ApplicationScoped
public class InboxBatches {

    private static final Logger LOG = Logger.getLogger(InboxBatches.class);

    /** How a record is applied when its batch falls back to one transaction per record. */
    public enum Retry {
        /** In its own transaction, once (as a {@code @Transactional} consumer method). */
        ONCE,
        /** In its own transaction, again on fresh data after a concurrent change ({@link FreshDataRetry}). */
        FRESH_DATA
    }

    @Inject
    Inbox inbox;

    @Inject
    Ownership ownership;

    /** Every event type this build knows goes through the inbox. */
    public CompletionStage<Void> take(String consumer, KafkaRecordBatch<String, String> batch, Retry retry,
            Consumer<Inbox.Delivery> effect) {
        return take(consumer, batch, retry, type -> true, effect);
    }

    /**
     * As {@link #take(String, KafkaRecordBatch, Retry, Consumer)}; an event whose type {@code takes}
     * refuses is acknowledged without being recorded, as an unknown type is.
     */
    public CompletionStage<Void> take(String consumer, KafkaRecordBatch<String, String> batch, Retry retry,
            Predicate<EventType> takes, Consumer<Inbox.Delivery> effect) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        if (records.size() > 1) {
            try {
                QuarkusTransaction.requiringNew().run(() -> applyAll(consumer, records, takes, effect));
                return batch.ack();
            } catch (RuntimeException e) {
                // Rolled back: nothing of it stays. Each record again on its own, to single out a bad one.
                LOG.debugf("%s: a batch of %d records failed (%s); taking them one by one", consumer, records.size(), e);
            }
        }
        for (KafkaRecord<String, String> record : records) {
            try {
                traced(record, () -> applyOne(consumer, record.getPayload(), retry, takes, effect));
            } catch (RuntimeException e) {
                try {
                    // The channel's failure strategy: to the dead-letter topic (then acknowledged), or stop.
                    record.nack(e).toCompletableFuture().join();
                } catch (RuntimeException stopped) {
                    // Stopped (transient, shutting down): nothing of the batch is acknowledged.
                    return CompletableFuture.failedFuture(e);
                }
            }
        }
        return batch.ack();
    }

    private void applyAll(String consumer, List<KafkaRecord<String, String>> records, Predicate<EventType> takes,
            Consumer<Inbox.Delivery> effect) {
        List<Inbox.Delivery> taken = new ArrayList<>(records.size());
        List<EventEnvelope> toRecord = new ArrayList<>(records.size());
        for (KafkaRecord<String, String> record : records) {
            EventEnvelope env = InboundEvents.read(record.getPayload());
            EventType type = env.eventType().orElse(null);
            // As Inbox.receive: unknown types skipped and not recorded; another piece's events skipped, counted.
            boolean take = type != null && takes.test(type) && ownership.accept(consumer, env, Optional.of(type));
            taken.add(take ? new Inbox.Delivery(env, type) : null);
            if (take) {
                toRecord.add(env);
            }
        }
        Set<java.util.UUID> first = inbox.firstDeliveries(consumer, toRecord);
        for (int i = 0; i < records.size(); i++) {
            Inbox.Delivery delivery = taken.get(i);
            // remove: an event twice in one poll is applied at its first place only
            if (delivery != null && first.remove(delivery.envelope().eventId())) {
                traced(records.get(i), () -> effect.accept(delivery));
            }
        }
    }

    private void applyOne(String consumer, String value, Retry retry, Predicate<EventType> takes,
            Consumer<Inbox.Delivery> effect) {
        EventEnvelope env = InboundEvents.read(value);
        Consumer<EventEnvelope> apply = e -> {
            if (e.eventType().map(takes::test).orElse(true)) {
                inbox.receive(consumer, e).ifPresent(effect);
            }
        };
        if (retry == Retry.FRESH_DATA) {
            FreshDataRetry.apply(env, apply);
        } else {
            QuarkusTransaction.requiringNew().run(() -> apply.accept(env));
        }
    }

    /** The record's consumer span (batch mode does not make it current), so outbox rows and notices continue its trace. */
    private static void traced(Message<?> record, Runnable work) {
        Context context = TracingMetadata.fromMessage(record).map(TracingMetadata::getCurrentContext).orElse(null);
        if (context == null) {
            work.run();
            return;
        }
        try (Scope ignored = context.makeCurrent()) {
            work.run();
        }
    }
}
