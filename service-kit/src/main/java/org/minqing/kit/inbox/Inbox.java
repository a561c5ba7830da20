package org.minqing.kit.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
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

    /**
     * Issue 16: {@link #firstDelivery} for a whole batch in one statement; the ids of the events this
     * consumer sees for the first time (a redelivered one, or an id twice in the list, counts once).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(String consumer, List<EventEnvelope> events) {
        Map<String, String> types = new LinkedHashMap<>();
        for (EventEnvelope event : events) {
            types.putIfAbsent(event.eventId().toString(), event.type());
        }
        Set<UUID> first = new HashSet<>();
        if (types.isEmpty()) {
            return first;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into processed_event (consumer, event_id, event_type, processed_at)
                    select ?, e.id, e.type, now() from unnest(?, ?) as e(id, type)
                    on conflict do nothing
                    returning event_id""")) {
                insert.setString(1, consumer);
                insert.setArray(2, connection.createArrayOf("uuid", types.keySet().toArray()));
                insert.setArray(3, connection.createArrayOf("varchar", types.values().toArray()));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        first.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        });
        return first;
    }
}
