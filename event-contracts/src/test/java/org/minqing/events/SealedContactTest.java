package org.minqing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** M3: representatives' and liaison officers' contacts travel sealed, bound to their event and field. */
class SealedContactTest {

    private static final Map<String, byte[]> KEYS = Map.of("ectest", Samples.CONTACT_KEY);
    private static final Pattern PLAIN_CONTACT = Pattern.compile("(?i)(email|mobile|phone)");

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "REPRESENTATIVE_REGISTERED", "REPRESENTATIVE_UPDATED",
            "LIAISON_OFFICER_REGISTERED" })
    void contactFieldsAreSealedAndTheSerialisedEventHasNoPlaintext(EventType type) {
        for (RecordComponent c : type.payloadClass().getRecordComponents()) {
            assertFalse(PLAIN_CONTACT.matcher(c.getName()).matches(), type + "." + c.getName() + " would carry a contact in clear");
        }
        String json = Events.toJson(Samples.envelope(type, Samples.sample(type)));
        assertFalse(json.contains("@"), json);
        assertFalse(json.matches("(?s).*1[3-9]\\d{9}.*"), json);
    }

    @Test
    void sealedValuesOpenOnlyForTheirEventAggregateAndField() {
        EventType t = EventType.REPRESENTATIVE_REGISTERED;
        String sealed = SealedContact.seal("ectest", Samples.CONTACT_KEY, t, "rep-1", "mobile", "13812345678");
        assertTrue(sealed.matches(SealedContact.PATTERN), sealed);
        assertFalse(sealed.contains("13812345678"));
        assertEquals("13812345678", SealedContact.open(KEYS, t, "rep-1", "mobile", sealed));
        assertThrows(IllegalArgumentException.class, () -> SealedContact.open(KEYS, t, "rep-2", "mobile", sealed));
        assertThrows(IllegalArgumentException.class, () -> SealedContact.open(KEYS, t, "rep-1", "email", sealed));
        assertThrows(IllegalArgumentException.class,
                () -> SealedContact.open(KEYS, EventType.REPRESENTATIVE_UPDATED, "rep-1", "mobile", sealed));
        assertThrows(IllegalStateException.class, () -> SealedContact.open(Map.of(), t, "rep-1", "mobile", sealed));
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("AA") ? "BB" : "AA");
        assertThrows(IllegalArgumentException.class, () -> SealedContact.open(KEYS, t, "rep-1", "mobile", tampered));
        assertThrows(IllegalArgumentException.class, () -> SealedContact.open(KEYS, t, "rep-1", "mobile", "13812345678"));
        assertNull(SealedContact.seal("ectest", Samples.CONTACT_KEY, t, "rep-1", "mobile", null));
        assertNull(SealedContact.open(KEYS, t, "rep-1", "mobile", null));
        // a fresh nonce each time: equal contacts do not look equal on the topic
        assertFalse(sealed.equals(SealedContact.seal("ectest", Samples.CONTACT_KEY, t, "rep-1", "mobile", "13812345678")));
    }

    @Test
    void keysMustBe32BytesOfBase64() {
        assertThrows(IllegalStateException.class, () -> SealedContact.key("k", "c2hvcnQ="));
        assertThrows(IllegalStateException.class, () -> SealedContact.key("k", "not base64 !"));
        assertEquals(32, SealedContact.key("k", java.util.Base64.getEncoder().encodeToString(new byte[32])).length);
    }
}
