package org.minqing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Holds each payload record and its JSON Schema to the same shape: same property names, every
 * component required, {@link Nullable} exactly where the schema allows null, Java types mapped
 * to JSON types, {@link JurisdictionCode} exactly where the 12-digit pattern is. Adding,
 * removing or renaming a component without touching the schema fails here.
 */
class SchemaDriftTest {

    private static final String CODE_PATTERN = "^\\d{12}$";

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaMatchesPayloadRecord(EventType type) {
        JsonNode schema = Schemas.json(type.schemaResource());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertObjectMatches(type.type(), type.payloadClass(), schema, schema);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void samplesValidate(EventType type) {
        Record sample = Samples.sample(type);
        assertValid(type.schemaResource(), Events.mapper().valueToTree(sample));
        assertValid(type.schemaResource(), Events.mapper().valueToTree(Samples.withoutOptionals(sample)));

        JsonNode envelope = Schemas.tree(Events.toJson(Samples.envelope(type, sample)));
        assertValid(Schemas.ENVELOPE, envelope);
        assertValid(type.schemaResource(), envelope.get("payload"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRejectsUnknownMissingAndNullFields(EventType type) {
        ObjectNode payload = Events.mapper().valueToTree(Samples.sample(type));

        ObjectNode extra = payload.deepCopy().put("residentPhone", "13800000000");
        assertFalse(Schemas.validate(type.schemaResource(), extra).isEmpty(), "accepted an unknown field");

        for (RecordComponent c : type.payloadClass().getRecordComponents()) {
            ObjectNode missing = payload.deepCopy();
            missing.remove(c.getName());
            assertFalse(Schemas.validate(type.schemaResource(), missing).isEmpty(), "accepted without " + c.getName());
            if (!c.isAnnotationPresent(Nullable.class)) {
                ObjectNode nulled = payload.deepCopy().putNull(c.getName());
                assertFalse(Schemas.validate(type.schemaResource(), nulled).isEmpty(), "accepted null " + c.getName());
            }
        }
    }

    @Test
    void envelopeSchemaMatchesEnvelopeRecord() {
        JsonNode schema = Schemas.json(Schemas.ENVELOPE);
        assertObjectMatches("envelope", EventEnvelope.class, schema, schema);
    }

    @Test
    void envelopeSchemaRejectsBadEnvelopes() {
        ObjectNode good = (ObjectNode) Schemas.tree(
                Events.toJson(Samples.envelope(EventType.CASE_RECORDED, Samples.sample(EventType.CASE_RECORDED))));
        assertValid(Schemas.ENVELOPE, good);
        assertInvalid(good.deepCopy().put("jurisdiction", "3101040110"));
        assertInvalid(good.deepCopy().put("eventId", "not-a-uuid"));
        assertInvalid(good.deepCopy().put("occurredAt", "yesterday"));
        assertInvalid(good.deepCopy().put("type", "CaseRecorded"));
        assertInvalid(good.deepCopy().put("schemaVersion", 0));
        assertInvalid(good.deepCopy().put("extra", 1));
    }

    @Test
    void noStraySchemaFiles() throws URISyntaxException {
        File dir = new File(getClass().getClassLoader().getResource("schemas").toURI());
        Set<String> expected = Arrays.stream(EventType.values())
                .map(EventType::schemaResource).collect(Collectors.toCollection(TreeSet::new));
        expected.add(Schemas.ENVELOPE);
        Set<String> actual = Arrays.stream(dir.list()).map(n -> "schemas/" + n).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual);
    }

    /** Checks an object schema (the payload, or a $defs entry) against a record class. */
    private static void assertObjectMatches(String where, Class<?> recordClass, JsonNode schema, JsonNode root) {
        assertTrue(recordClass.isRecord(), where + ": " + recordClass + " is not a record");
        assertEquals("object", schema.path("type").asText(), where + ": type");
        assertEquals(componentNames(recordClass), fieldNames(schema.get("properties")), where + ": property names");
        assertEquals(componentNames(recordClass), textSet(schema.get("required")), where + ": required");
        assertFalse(schema.path("additionalProperties").asBoolean(true), where + ": additionalProperties must be false");
        for (RecordComponent c : recordClass.getRecordComponents()) {
            String at = where + "." + c.getName();
            JsonNode property = schema.get("properties").get(c.getName());
            boolean nullable = c.isAnnotationPresent(Nullable.class);
            assertFalse(nullable && c.getType().isPrimitive(), at + ": a primitive cannot be @Nullable");
            assertTypeMatches(at, c.getGenericType(), nullable, property, root);
            boolean code = c.isAnnotationPresent(JurisdictionCode.class);
            assertEquals(code, CODE_PATTERN.equals(property.path("pattern").asText()),
                    at + ": @JurisdictionCode and the " + CODE_PATTERN + " pattern must go together");
            if (c.getName().equals("communityCode") || c.getName().equals("constituencyCode")) {
                assertTrue(code, at + " should be annotated @JurisdictionCode");
            }
        }
    }

    private static void assertTypeMatches(String at, Type javaType, boolean nullable, JsonNode property, JsonNode root) {
        assertNotNull(property, at + ": no schema property");
        Class<?> raw = javaType instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) javaType;

        if (raw.isRecord()) {
            String ref = property.path("$ref").asText();
            assertEquals("#/$defs/" + raw.getSimpleName(), ref, at + ": nested record must be a $defs reference");
            assertFalse(nullable, at + ": nullable nested records are not supported by this test");
            assertObjectMatches(at, raw, root.at(ref.substring(1)), root);
            return;
        }

        Set<String> expectedTypes = new HashSet<>(Set.of(jsonType(at, raw)));
        if (nullable) {
            expectedTypes.add("null");
        }
        assertEquals(expectedTypes, textSet(property.get("type")), at + ": JSON type");

        if (raw.isEnum()) {
            Set<String> constants = Arrays.stream(raw.getEnumConstants())
                    .map(e -> ((Enum<?>) e).name()).collect(Collectors.toCollection(LinkedHashSet::new));
            List<String> values = new ArrayList<>();
            boolean nullListed = false;
            for (JsonNode v : property.path("enum")) {
                if (v.isNull()) {
                    nullListed = true;
                } else {
                    values.add(v.asText());
                }
            }
            assertEquals(constants, new LinkedHashSet<>(values), at + ": enum values");
            assertEquals(nullable, nullListed, at + ": null must be in the enum exactly when nullable");
        } else if (raw == LocalDate.class) {
            assertEquals("date", property.path("format").asText(), at + ": format");
        } else if (raw == Instant.class) {
            assertEquals("date-time", property.path("format").asText(), at + ": format");
        } else if (raw == LocalTime.class) {
            // JSON Schema's "time" format demands a zone offset; Jackson writes "09:00".
            assertTrue(property.has("pattern"), at + ": LocalTime needs a pattern");
        } else if (raw == UUID.class) {
            assertEquals("uuid", property.path("format").asText(), at + ": format");
        } else if (raw == List.class) {
            Type element = ((ParameterizedType) javaType).getActualTypeArguments()[0];
            assertTypeMatches(at + "[]", element, false, property.get("items"), root);
        }
    }

    private static String jsonType(String at, Class<?> raw) {
        if (raw == String.class || raw.isEnum() || raw == LocalDate.class || raw == LocalTime.class
                || raw == Instant.class || raw == UUID.class) {
            return "string";
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            return "integer";
        }
        if (raw == double.class || raw == Double.class) {
            return "number";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        if (raw == List.class) {
            return "array";
        }
        if (raw == JsonNode.class) {
            return "object";
        }
        return fail(at + ": no JSON mapping for " + raw.getName() + "; extend SchemaDriftTest");
    }

    private static void assertValid(String schema, JsonNode instance) {
        assertEquals(Set.of(), Schemas.validate(schema, instance), schema + " rejected " + instance);
    }

    private static void assertInvalid(JsonNode envelope) {
        assertFalse(Schemas.validate(Schemas.ENVELOPE, envelope).isEmpty(), "envelope schema accepted " + envelope);
    }

    private static Set<String> componentNames(Class<?> recordClass) {
        return Arrays.stream(recordClass.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A string or an array of strings, as a set ("type" may be either). */
    private static Set<String> textSet(JsonNode node) {
        Set<String> values = new TreeSet<>();
        if (node == null) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }
}
