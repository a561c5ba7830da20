package org.minqing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.Tier;

class EventEnvelopeTest {

    private static final Actor STAFF = new Actor("staff-community-1", "community-staff");
    private static final CaseRecorded CASE = (CaseRecorded) Samples.sample(EventType.CASE_RECORDED);

    @Test
    void ofFillsTheRoutingFacts() {
        EventEnvelope e = EventEnvelope.of(EventType.CASE_RECORDED, Samples.COMMUNITY, CASE.caseId(), null, STAFF, CASE);

        assertNotNull(e.eventId());
        assertEquals("intake.case.recorded", e.type());
        assertEquals(1, e.schemaVersion());
        assertEquals("case", e.aggregateType());
        assertEquals(CASE.caseId(), e.aggregateId());
        assertEquals(e.eventId().toString(), e.correlationId(), "a new chain correlates on its first event");
        assertEquals(0, e.occurredAt().getNano() % 1_000_000, "occurredAt is truncated to millis");
        assertFalse(e.occurredAt().isAfter(Instant.now()));
        assertEquals(CASE, e.payloadAs(CaseRecorded.class));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "31010401100", "3101040110021", "31010401100A", "310104-11002", " 310104011002"})
    void badJurisdictionRejected(String jurisdiction) {
        assertThrows(IllegalArgumentException.class,
                () -> EventEnvelope.of(EventType.CASE_RECORDED, jurisdiction, CASE.caseId(), null, STAFF, CASE));
    }

    @Test
    void badJurisdictionInJsonRejected() {
        ObjectNode json = (ObjectNode) Schemas.tree(Events.toJson(Samples.envelope(EventType.CASE_RECORDED, CASE)));
        json.put("jurisdiction", "3101");
        assertThrows(IllegalArgumentException.class, () -> Events.fromJson(json.toString()));
    }

    @Test
    void constructorChecksEveryField() {
        EventEnvelope good = Samples.envelope(EventType.CASE_RECORDED, CASE);
        List<Runnable> bad = new ArrayList<>();
        bad.add(() -> copy(good, null, good.type(), good.schemaVersion(), good.jurisdiction(), good.aggregateId(), good.actor(), good.payload()));
        bad.add(() -> copy(good, good.eventId(), " ", good.schemaVersion(), good.jurisdiction(), good.aggregateId(), good.actor(), good.payload()));
        bad.add(() -> copy(good, good.eventId(), good.type(), 0, good.jurisdiction(), good.aggregateId(), good.actor(), good.payload()));
        bad.add(() -> copy(good, good.eventId(), good.type(), 1, "12345", good.aggregateId(), good.actor(), good.payload()));
        bad.add(() -> copy(good, good.eventId(), good.type(), 1, good.jurisdiction(), "", good.actor(), good.payload()));
        bad.add(() -> copy(good, good.eventId(), good.type(), 1, good.jurisdiction(), good.aggregateId(), null, good.payload()));
        bad.add(() -> copy(good, good.eventId(), good.type(), 1, good.jurisdiction(), good.aggregateId(), good.actor(), null));
        bad.add(() -> copy(good, good.eventId(), good.type(), 1, good.jurisdiction(), good.aggregateId(), good.actor(),
                JsonNodeFactory.instance.textNode("not an object")));
        for (Runnable r : bad) {
            assertThrows(RuntimeException.class, r::run);
        }
    }

    @Test
    void payloadMustMatchTheType() {
        FeedbackGiven feedback = (FeedbackGiven) Samples.sample(EventType.CASE_FEEDBACK_GIVEN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventEnvelope.of(EventType.CASE_RECORDED, Samples.COMMUNITY, "c-1", null, STAFF, feedback));
        assertTrue(e.getMessage().contains("CaseRecorded"), e.getMessage());
    }

    @Test
    void requiredPayloadFieldsMustNotBeNull() {
        FeedbackGiven noRating = new FeedbackGiven("c-1", null, null, Instant.now());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventEnvelope.of(EventType.CASE_FEEDBACK_GIVEN, Samples.COMMUNITY, "c-1", null, STAFF, noRating));
        assertTrue(e.getMessage().contains("FeedbackGiven.rating"), e.getMessage());
    }

    @Test
    void payloadDivisionCodesAreChecked() {
        ReferralEscalated escalated = new ReferralEscalated("r-1", "c-1", Tier.COMMUNITY, Tier.SUBDISTRICT, "3101", "超期");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventEnvelope.of(EventType.REFERRAL_ESCALATED, Samples.COMMUNITY, "r-1", null, STAFF, escalated));
        assertTrue(e.getMessage().contains("toJurisdiction"), e.getMessage());
    }

    @Test
    void actorMustNameSomeone() {
        assertThrows(IllegalArgumentException.class, () -> new Actor(" ", "community-staff"));
        assertThrows(NullPointerException.class, () -> new Actor("x", null));
        assertEquals(new Actor("referral", "service"), Actor.system("referral"));
    }

    @Test
    void jsonIsCamelCaseWithIsoDates() {
        JsonNode json = Schemas.tree(Events.toJson(Samples.envelope(EventType.CASE_RECORDED, CASE)));
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("eventId", "type", "schemaVersion", "occurredAt", "jurisdiction", "aggregateType",
                "aggregateId", "correlationId", "actor", "payload"), names);
        assertTrue(json.get("occurredAt").isTextual(), "dates are ISO-8601 strings, not numbers");
        assertEquals("2025-06-15T02:30:00.123Z", json.at("/payload/recordedAt").asText());
        assertTrue(json.at("/payload/receivingRepresentativeIds").isArray());
        assertTrue(json.at("/payload/groupPetition").isBoolean());
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        ObjectNode json = (ObjectNode) Schemas.tree(Events.toJson(Samples.envelope(EventType.CASE_RECORDED, CASE)));
        json.put("addedInV2", "x");
        ((ObjectNode) json.get("payload")).put("addedLater", 42);

        EventEnvelope read = Events.fromJson(json.toString());

        assertEquals(CASE, read.payloadAs(CaseRecorded.class));
    }

    @Test
    void unknownTypesStillDeserialise() {
        EventEnvelope good = Samples.envelope(EventType.CASE_RECORDED, CASE);
        EventEnvelope future = new EventEnvelope(UUID.randomUUID(), "intake.case.teleported", 1, good.occurredAt(),
                good.jurisdiction(), "case", good.aggregateId(), good.correlationId(), good.actor(), good.payload());

        EventEnvelope read = Events.fromJson(Events.toJson(future));

        assertEquals(future, read);
        assertTrue(read.eventType().isEmpty());
    }

    private static EventEnvelope copy(EventEnvelope e, UUID id, String type, int version, String jurisdiction,
                                      String aggregateId, Actor actor, JsonNode payload) {
        return new EventEnvelope(id, type, version, e.occurredAt(), jurisdiction, e.aggregateType(), aggregateId,
                e.correlationId(), actor, payload);
    }
}
