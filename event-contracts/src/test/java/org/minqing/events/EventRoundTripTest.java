package org.minqing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every event survives envelope → JSON → envelope → payload record unchanged. */
class EventRoundTripTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void roundTrip(EventType type) {
        Record payload = Samples.sample(type);
        assertSame(type.payloadClass(), payload.getClass(), "sample has the wrong payload class");
        assertRoundTrip(type, payload);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void roundTripWithOptionalsNull(EventType type) {
        assertRoundTrip(type, Samples.withoutOptionals(Samples.sample(type)));
    }

    private static void assertRoundTrip(EventType type, Record payload) {
        EventEnvelope sent = Samples.envelope(type, payload);

        EventEnvelope received = Events.fromBytes(Events.toBytes(sent));

        assertEquals(sent, received);
        assertEquals(payload, received.payloadAs(type.payloadClass()));
        assertEquals(type, received.eventType().orElseThrow());
    }
}
