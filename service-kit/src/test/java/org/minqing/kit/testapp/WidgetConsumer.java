package org.minqing.kit.testapp;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.events.EventEnvelope;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.kit.messaging.PoisonMessageException;

import io.smallrye.reactive.messaging.annotations.Blocking;

/** Applies widget events idempotently, recording the order in which they were applied. */
@ApplicationScoped
public class WidgetConsumer {

    @Inject
    Inbox inbox;

    @Inject
    EntityManager em;

    @Incoming("widgets")
    @Blocking // ordered: one message at a time, in partition order
    @Transactional
    public void on(String value) {
        EventEnvelope event = InboundEvents.read(value);
        if (!event.payload().has("version")) {
            throw new PoisonMessageException("widget event without version");
        }
        if (!inbox.firstDelivery("kit-test", event)) {
            return;
        }
        String trace = org.minqing.kit.tracing.TraceContext.current();
        em.createNativeQuery("insert into widget_applied (widget_id, version, event_id, trace_id) values (:w, :v, :e, :t)")
                .setParameter("w", UUID.fromString(event.aggregateId()))
                .setParameter("v", event.payload().get("version").asInt())
                .setParameter("e", event.eventId())
                .setParameter("t", org.minqing.kit.tracing.TraceContext.traceId(trace))
                .executeUpdate();
    }
}
