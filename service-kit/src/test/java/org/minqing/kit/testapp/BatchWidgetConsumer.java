package org.minqing.kit.testapp;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.inbox.InboxBatches;
import org.minqing.kit.messaging.PoisonMessageException;
import org.minqing.kit.tracing.TraceContext;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** Issue 16: widget events taken a poll at a time ({@link InboxBatches}), recording the order in which they were applied. */
@ApplicationScoped
public class BatchWidgetConsumer {

    public static final String CONSUMER = "kit-test-batch";
    public static final String TOPIC = "minqing.kit-test.widget-batch";

    @Inject
    InboxBatches batches;

    @Inject
    EntityManager em;

    @Incoming("widget-batches")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return batches.take(CONSUMER, batch, InboxBatches.Retry.FRESH_DATA, this::apply);
    }

    void apply(Inbox.Delivery d) {
        var payload = d.envelope().payload();
        if (!payload.has("version")) {
            throw new PoisonMessageException("widget event without version");
        }
        em.createNativeQuery("insert into widget_applied (widget_id, version, event_id, trace_id) values (:w, :v, :e, :t)")
                .setParameter("w", UUID.fromString(d.envelope().aggregateId()))
                .setParameter("v", payload.get("version").asInt())
                .setParameter("e", d.envelope().eventId())
                .setParameter("t", TraceContext.traceId(TraceContext.current()))
                .executeUpdate();
    }
}
