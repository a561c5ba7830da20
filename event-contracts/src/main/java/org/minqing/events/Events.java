package org.minqing.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one JSON mapping of events, so every service writes and reads them the same way. */
public final class Events {

    /** Kafka header carrying the event type, so consumers can filter without parsing the value. */
    public static final String HEADER_EVENT_TYPE = "minqing-event-type";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            // Forward compatibility: a newer producer may add fields an older consumer ignores.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Events() {
    }

    /** The shared, fully configured mapper. Do not reconfigure it; use {@code copy()} for variants. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(EventEnvelope envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + envelope.eventId(), e);
        }
    }

    public static byte[] toBytes(EventEnvelope envelope) {
        return toJson(envelope).getBytes(StandardCharsets.UTF_8);
    }

    /** Reads an envelope; malformed JSON or an envelope breaking its own rules is an {@link IllegalArgumentException}. */
    public static EventEnvelope fromJson(String json) {
        try {
            return MAPPER.readValue(json, EventEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid event envelope: " + e.getOriginalMessage(), e);
        }
    }

    public static EventEnvelope fromBytes(byte[] json) {
        try {
            return MAPPER.readValue(json, EventEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid event envelope: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
