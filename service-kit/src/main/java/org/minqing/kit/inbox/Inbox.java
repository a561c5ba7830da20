package org.minqing.kit.inbox;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.kit.piece.Ownership;

/**
 * Idempotent consumption: {@link #firstDelivery} records the event id in the same transaction as
 * the consumer's effect. A redelivered event finds its id already there and changes nothing; if
 * the effect rolls back, so does the record, and the event is handled again next time.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager em;

    @Inject
    Ownership ownership;

    /** An event this consumer sees for the first time, of a type this build knows. */
    public record Delivery(EventEnvelope envelope, EventType type) {

        /** The payload as its record type, or a poison message. */
        public <T> T payload(Class<T> payloadType) {
            return InboundEvents.payload(envelope, payloadType);
        }
    }

    /**
     * A consumer's opening lines: the event's first delivery to {@code consumer}, recorded in the
     * caller's transaction; empty for a redelivery, and for a type this build does not know (a newer
     * producer's event: skipped, not dead-lettered, and not recorded, so a later build still handles it).
     * Issue 14: empty too for an event of a jurisdiction another piece owns (acknowledged, counted,
     * not recorded); an event no piece owns is a poison message in the root piece ({@link Ownership}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Delivery> receive(String consumer, EventEnvelope event) {
        EventType type = event.eventType().orElse(null);
        if (type == null || !ownership.accept(consumer, event, Optional.of(type)) || !firstDelivery(consumer, event)) {
            return Optional.empty();
        }
        return Optional.of(new Delivery(event, type));
    }

    /** As {@link #receive(String, EventEnvelope)}, reading the message first (a poison message if unreadable). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Delivery> receive(String consumer, String value) {
        return receive(consumer, InboundEvents.read(value));
    }

    /** True the first time this consumer sees the event; false for every redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, EventEnvelope event) {
        int inserted = em.createNativeQuery("""
                insert into processed_event (consumer, event_id, event_type, processed_at)
                values (:consumer, :eventId, :type, now())
                on conflict do nothing""")
                .setParameter("consumer", consumer)
                .setParameter("eventId", event.eventId())
                .setParameter("type", event.type())
                .executeUpdate();
        return inserted == 1;
    }
}
