package org.minqing.kit.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.minqing.events.EventEnvelope;
import org.minqing.events.Events;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The transactional outbox: services call {@link #publish} inside the transaction that changes
 * their entities, so the event exists if and only if the change was committed. The
 * {@link OutboxRelay} publishes it afterwards, whether or not the broker is up right now.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    Event<OutboxWritten> written;

    /** Writes the event row; must join the caller's transaction, never start its own. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(String topic, EventEnvelope envelope) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.eventId();
        row.topic = topic;
        row.messageKey = envelope.aggregateId();
        row.eventType = envelope.type();
        row.jurisdiction = envelope.jurisdiction();
        row.envelope = serialise(envelope);
        row.createdAt = Instant.now();
        // Issue 15: the trace goes on through the relay however late it publishes.
        row.traceParent = org.minqing.kit.tracing.TraceContext.current();
        row.persist();
        // Observed after commit only, so the relay is woken for rows that really exist.
        written.fire(new OutboxWritten());
    }


    private static String serialise(EventEnvelope envelope) {
        try {
            return Events.mapper().writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be serialised: " + envelope.type(), e);
        }
    }

    /** CDI signal that an outbox row was written in the current transaction. */
    public record OutboxWritten() {
    }
}
