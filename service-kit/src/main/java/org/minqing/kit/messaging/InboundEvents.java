package org.minqing.kit.messaging;

import org.minqing.events.EventEnvelope;
import org.minqing.events.Events;

/** Reads an incoming Kafka value as an envelope; anything unreadable is a poison message. */
public final class InboundEvents {

    private InboundEvents() {
    }

    public static EventEnvelope read(String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException("empty message value");
        }
        try {
            EventEnvelope envelope = Events.mapper().readValue(value, EventEnvelope.class);
            if (envelope == null || envelope.eventId() == null || envelope.type() == null) {
                throw new PoisonMessageException("not an event envelope");
            }
            return envelope;
        } catch (PoisonMessageException e) {
            throw e;
        } catch (Exception e) {
            // The reason ends up in the dead-letter record's headers.
            throw new PoisonMessageException("unreadable event: " + e.getMessage(), e);
        }
    }

    /** Reads the payload as the given record type, or fails as a poison message. */
    public static <T> T payload(EventEnvelope envelope, Class<T> type) {
        try {
            return envelope.payloadAs(type);
        } catch (Exception e) {
            throw new PoisonMessageException("payload of " + envelope.type() + " is not a valid "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
