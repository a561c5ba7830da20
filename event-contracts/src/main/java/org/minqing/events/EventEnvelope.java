package org.minqing.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What goes on Kafka: the event's identity and routing facts around a JSON payload. The payload
 * stays a {@link JsonNode} so a consumer can carry, log or dead-letter events it has no record
 * for; {@link #payloadAs} turns it into the record.
 *
 * @param eventId       unique per event; consumers de-duplicate on it
 * @param type          e.g. {@code intake.case.recorded}
 * @param schemaVersion version of the payload schema
 * @param occurredAt    when it happened, millisecond precision
 * @param jurisdiction  12-digit division code the event belongs to, so each tier can take its share
 * @param aggregateType e.g. {@code case}
 * @param aggregateId   id of the aggregate; also the Kafka message key
 * @param correlationId ties together the events caused by one user action or one case
 * @param actor         who caused it; never a resident's personal data
 * @param payload       the event-specific body, a JSON object
 */
public record EventEnvelope(
        UUID eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        @JurisdictionCode String jurisdiction,
        String aggregateType,
        String aggregateId,
        String correlationId,
        Actor actor,
        JsonNode payload) {

    private static final Pattern CODE = Pattern.compile("\\d{12}");

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        requireText(type, "type");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1, was " + schemaVersion);
        }
        Objects.requireNonNull(occurredAt, "occurredAt");
        requireCode(jurisdiction, "jurisdiction");
        requireText(aggregateType, "aggregateType");
        requireText(aggregateId, "aggregateId");
        requireText(correlationId, "correlationId");
        Objects.requireNonNull(actor, "actor");
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("payload must be a JSON object");
        }
    }

    /**
     * Builds a new event. {@code correlationId} may be null to start a new chain (it becomes the
     * event id). The payload must be {@code type}'s record, with no null in a component not
     * marked {@link Nullable} and a valid code in each {@link JurisdictionCode} component.
     */
    public static EventEnvelope of(EventType type, String jurisdiction, String aggregateId,
                                   String correlationId, Actor actor, Object payload) {
        Objects.requireNonNull(type, "type");
        checkPayload(type, payload);
        UUID id = UUID.randomUUID();
        return new EventEnvelope(id, type.type(), type.schemaVersion(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS), jurisdiction, type.aggregateType(),
                aggregateId, correlationId != null ? correlationId : id.toString(), actor, toTree(payload));
    }

    /** The payload as its record (or any compatible class); unknown fields are ignored. */
    public <T> T payloadAs(Class<T> payloadClass) {
        try {
            return Events.mapper().treeToValue(payload, payloadClass);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "payload of " + type + " " + eventId + " is not a " + payloadClass.getSimpleName(), e);
        }
    }

    /** The known event type, or empty if this build does not know {@link #type()}. */
    public Optional<EventType> eventType() {
        return EventType.find(type);
    }

    // Serialise and re-parse rather than valueToTree: the tree then has exactly the node types a
    // consumer parses (IntNode, not LongNode, ...), so envelopes compare equal across a round trip.
    private static JsonNode toTree(Object payload) {
        try {
            return Events.mapper().readTree(Events.mapper().writeValueAsBytes(payload));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise payload " + payload.getClass().getName(), e);
        }
    }

    private static void checkPayload(EventType type, Object payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.getClass() != type.payloadClass()) {
            throw new IllegalArgumentException(type.type() + " needs a " + type.payloadClass().getSimpleName()
                    + " payload, got " + payload.getClass().getSimpleName());
        }
        for (RecordComponent c : type.payloadClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(payload);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String name = type.payloadClass().getSimpleName() + "." + c.getName();
            if (value == null && !c.isAnnotationPresent(Nullable.class)) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            if (value != null && c.isAnnotationPresent(JurisdictionCode.class)) {
                requireCode((String) value, name);
            }
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requireCode(String value, String name) {
        if (value == null || !CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a 12-digit division code, was " + value);
        }
    }
}
