package org.minqing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The naming rules of docs/CONVENTIONS.md, and the rule that events carry no resident's personal data. */
class ContractRulesTest {

    /**
     * Issue 14 (ADR 0018): the directory facts every piece takes whatever their jurisdiction — the
     * people (representatives, liaison officers) and the handling units (a city unit, 310100…, is
     * owned by no piece: the root piece would dead-letter it). Everything else stays with its owner.
     */
    @Test
    void onlyTheDirectoryOfPeopleAndUnitsGoesToEveryPiece() {
        Set<EventType> everyPiece = Arrays.stream(EventType.values()).filter(EventType::forEveryPiece)
                .collect(java.util.stream.Collectors.toSet());
        assertTrue(everyPiece.contains(EventType.UNIT_CHANGED));
        assertTrue(everyPiece.contains(EventType.REPRESENTATIVE_REGISTERED));
        // the district's time limits and calendar hold in every piece (ADR 0021)
        assertTrue(everyPiece.contains(EventType.DEADLINE_POLICY_CHANGED));
        assertTrue(everyPiece.contains(EventType.CALENDAR_YEAR_CHANGED));
        // and so do its lines (条线)
        assertTrue(everyPiece.contains(EventType.LINE_CHANGED));
        // and the remit rules: each piece routes with the rules other pieces own (ADR 0024)
        assertTrue(everyPiece.contains(EventType.ROUTING_RULE_CHANGED));
        for (EventType t : everyPiece) {
            assertTrue(t.topic() == Topics.REPRESENTATIVE || t.topic() == Topics.UNIT || t.topic() == Topics.REFERENCE
                    || t.topic() == Topics.INTAKE_REFERENCE, t + " is not a directory fact");
        }
        assertFalse(EventType.CASE_RECORDED.forEveryPiece());
        assertFalse(EventType.REFERRAL_REFERRED.forEveryPiece());
    }


    private static final Set<String> SERVICES = Set.of("intake", "representative", "referral", "notification");
    private static final Pattern SEGMENT = Pattern.compile("[a-z]+(-[a-z]+)*");
    /** Payloads about public officials (representatives, liaison officers) may name them; the rest may not. */
    private static final Pattern PERSONAL = Pattern.compile("(?i).*(name|phone|mobile|email|idcard|idnumber).*");
    private static final Set<String> ALLOWED_PERSONAL = Set.of("ReferralReferred.unitName",
            // a line's name (条线名称), not a person's
            "LineChanged.nameZh", "LineChanged.nameEn");

    @ParameterizedTest
    @EnumSource(Topics.class)
    void topicNamesFollowTheRule(Topics topic) {
        String[] parts = topic.topic().split("\\.");
        assertEquals(3, parts.length, topic.topic());
        assertEquals("minqing", parts[0]);
        assertEquals(topic.producer(), parts[1]);
        assertTrue(SEGMENT.matcher(parts[2]).matches(), topic.topic());
        assertTrue(SERVICES.containsAll(topic.consumers()));
        // A service does not consume its own topic; the one exception is between pieces (ADR 0020):
        // referral-service of the district's piece reads the sub-districts' referral events (read
        // model), and a sub-district's applies the 督办单 the district's asks for;
        // and a sub-district's piece applies the district's deadline policies, calendar and lines (ADR 0021),
        // and every piece copies the units and remit rules other pieces own (ADR 0024).
        assertFalse(topic != Topics.REFERRAL && topic != Topics.REFERENCE && topic != Topics.INTAKE_REFERENCE
                && topic != Topics.UNIT
                && topic.consumers().contains(topic.producer()),
                "a service does not consume its own topic");
    }

    @Test
    void deadLetterTopics() {
        assertEquals("minqing.referral.referral.dlt.intake", Topics.REFERRAL.dlt("intake"));
        assertEquals("minqing.intake.case.dlt.referral", Topics.CASE.dlt("referral"));
        assertEquals("minqing.referral.referral.dlt.referral", Topics.REFERRAL.dlt("referral"));
        assertEquals("minqing.referral.reference.dlt.referral", Topics.REFERENCE.dlt("referral"));
        assertThrows(IllegalArgumentException.class, () -> Topics.REFERENCE.dlt("notification"));
        assertEquals("minqing.intake.reference.dlt.intake", Topics.INTAKE_REFERENCE.dlt("intake"));
        assertThrows(IllegalArgumentException.class, () -> Topics.INTAKE_REFERENCE.dlt("referral"));
        assertEquals("minqing.referral.unit.dlt.referral", Topics.UNIT.dlt("referral"));
        assertThrows(IllegalArgumentException.class, () -> Topics.UNIT.dlt("intake"));
        assertThrows(IllegalArgumentException.class, () -> Topics.NOTICE.dlt("intake"));
        assertThrows(IllegalArgumentException.class, () -> Topics.NOTICE.dlt("representative"));
        assertTrue(Topics.isDlt(Topics.CASE.dlt("referral")));
        assertEquals(30L * 24 * 3600 * 1000, Topics.retentionMs(Topics.CASE.dlt("referral")));
        assertEquals(7L * 24 * 3600 * 1000, Topics.retentionMs(Topics.NOTICE.topic()));
        assertEquals(Topics.CASE, Topics.forTopic("minqing.intake.case"));
    }

    /** ADR 0022: what every piece reads from the beginning is compacted and kept; work and dead letters expire. */
    @Test
    void theDirectoriesAreCompactedAndEverythingElseExpires() {
        for (Topics t : Topics.values()) {
            boolean everyPiece = Arrays.stream(EventType.values()).filter(e -> e.topic() == t)
                    .anyMatch(EventType::forEveryPiece);
            assertEquals(everyPiece, t.isDirectory(), t.topic());
            assertEquals(everyPiece ? "compact" : "delete", Topics.cleanupPolicy(t.topic()), t.topic());
            assertEquals(everyPiece ? -1L : 7L * 24 * 3600 * 1000, Topics.retentionMs(t.topic()), t.topic());
            t.dlts().forEach(d -> assertEquals("delete", Topics.cleanupPolicy(d), d));
        }
        assertEquals(List.of(Topics.REPRESENTATIVE, Topics.INTAKE_REFERENCE, Topics.UNIT, Topics.REFERENCE),
                Arrays.stream(Topics.values()).filter(Topics::isDirectory).toList());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eventTypesFollowTheRule(EventType type) {
        String[] parts = type.type().split("\\.");
        assertEquals(3, parts.length, type.type());
        Arrays.stream(parts).forEach(p -> assertTrue(SEGMENT.matcher(p).matches(), type.type()));
        assertEquals(type.producer(), parts[0], "an event is produced by the service it is named after");
        assertEquals(type.aggregateType(), parts[1]);
        assertEquals(1, type.schemaVersion());
        assertEquals(type, EventType.of(type.type()));
        assertEquals(type, EventType.forPayload(type.payloadClass()));
        assertEquals("org.minqing.events." + type.producer(), type.payloadClass().getPackageName());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aggregateIdIsTheFirstPayloadComponent(EventType type) {
        RecordComponent first = type.payloadClass().getRecordComponents()[0];
        assertEquals(camel(type.aggregateType()) + "Id", first.getName(), "the message key must lead the payload");
        assertEquals(String.class, first.getType());
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"REPRESENTATIVE_REGISTERED", "REPRESENTATIVE_UPDATED",
            "LIAISON_OFFICER_REGISTERED", "RECEPTION_DAY_SCHEDULED", "RECEPTION_DAY_ROSTER_CHANGED",
            // a handling unit's office contact, not a person's (ADR 0019)
            "UNIT_CHANGED"},
            mode = EnumSource.Mode.EXCLUDE)
    void noResidentPersonalData(EventType type) {
        for (RecordComponent c : type.payloadClass().getRecordComponents()) {
            String name = type.payloadClass().getSimpleName() + "." + c.getName();
            assertFalse(PERSONAL.matcher(c.getName()).matches() && !ALLOWED_PERSONAL.contains(name),
                    name + " looks like personal data; events never carry a resident's name, phone or ID number");
        }
    }

    @Test
    void unknownTypesAreNotFound() {
        assertTrue(EventType.find("intake.case.teleported").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> EventType.of("intake.case.teleported"));
    }

    private static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        for (String part : kebab.split("-")) {
            out.append(out.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return out.toString();
    }
}
