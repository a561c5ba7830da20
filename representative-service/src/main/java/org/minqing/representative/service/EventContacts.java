package org.minqing.representative.service;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.minqing.events.EventType;
import org.minqing.events.SealedContact;

import io.smallrye.config.ConfigMapping;

/**
 * Seals a representative's or liaison officer's e-mail and mobile for the events that carry them
 * (M3): only notification-service, which holds the same event-contact key, can open them. The
 * key is not the at-rest key ({@code minqing.crypto.*}): it is shared with exactly one consumer.
 */
@ApplicationScoped
public class EventContacts {

    /** The event-contact key: required, so a service without one does not start (no plaintext fallback). */
    @ConfigMapping(prefix = "minqing.event-contact")
    public interface Config {
        /** Id of the key new events are sealed with: lower-case letters and digits, e.g. {@code ec2026a}. */
        String activeKey();

        /** Key id → base64 of 32 random bytes; keep a retired key until its events have expired. */
        Map<String, String> keys();
    }

    private final String activeKeyId;
    private final byte[] activeKey;

    @Inject
    public EventContacts(Config config) {
        Map<String, byte[]> keys = new HashMap<>();
        config.keys().forEach((id, base64) -> keys.put(id, SealedContact.key(id, base64)));
        this.activeKeyId = config.activeKey();
        this.activeKey = keys.get(activeKeyId);
        if (activeKey == null) {
            throw new IllegalStateException("minqing.event-contact.active-key '" + activeKeyId
                    + "' is not among minqing.event-contact.keys (set MINQING_EVENT_CONTACT_KEYS_<ID>)");
        }
    }

    /** The sealed form of {@code plaintext} (blank or null → null) for this event's field. */
    public String seal(EventType type, String aggregateId, String field, String plaintext) {
        String value = plaintext == null || plaintext.isBlank() ? null : plaintext.trim();
        return SealedContact.seal(activeKeyId, activeKey, type, aggregateId, field, value);
    }
}
