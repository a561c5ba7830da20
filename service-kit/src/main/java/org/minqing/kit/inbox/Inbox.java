package org.minqing.kit.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minqing.events.EventEnvelope;

/**
 * Idempotent consumption: {@link #firstDelivery} records the event id in the same transaction as
 * the consumer's effect. A redelivered event finds its id already there and changes nothing; if
 * the effect rolls back, so does the record, and the event is handled again next time.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    EntityManager em;

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
