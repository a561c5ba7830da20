package org.minqing.notification.messaging;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.minqing.events.EventType;
import org.minqing.events.SealedContact;

import io.smallrye.config.ConfigMapping;

/**
 * Opens the representatives' and liaison officers' e-mail and mobile that representative-service
 * seals in its events (M3): this service must reach them, so it alone holds the event-contact keys.
 */
@ApplicationScoped
public class EventContacts {

    /** Key id → base64 of 32 random bytes; every id representative-service may still seal with. */
    @ConfigMapping(prefix = "minqing.event-contact")
    public interface Config {
        Map<String, String> keys();
    }

    private final Map<String, byte[]> keys = new HashMap<>();

    @Inject
    public EventContacts(Config config) {
        config.keys().forEach((id, base64) -> keys.put(id, SealedContact.key(id, base64)));
        if (keys.isEmpty()) {
            throw new IllegalStateException("no event-contact key configured (set MINQING_EVENT_CONTACT_KEYS_<ID>, "
                    + "the key representative-service seals contacts with)");
        }
    }

    /** The contact in clear, or null; an event whose value does not open is refused (dead-lettered). */
    public String open(EventType type, String aggregateId, String field, String sealed) {
        try {
            return SealedContact.open(keys, type, aggregateId, field, sealed);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new org.minqing.kit.messaging.PoisonMessageException(
                    type.type() + " " + aggregateId + ": sealed " + field + " does not open (" + e.getMessage() + ")", e);
        }
    }
}
