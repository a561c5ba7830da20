package org.minqing.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.events.intake.LineChanged;
import org.minqing.events.notification.NoticeFailed;
import org.minqing.events.notification.NoticeSent;
import org.minqing.events.referral.CalendarYearChanged;
import org.minqing.events.referral.DeadlineApproaching;
import org.minqing.events.referral.DeadlinePolicyChanged;
import org.minqing.events.referral.HandlingUnitChanged;
import org.minqing.events.referral.ProgressRecorded;
import org.minqing.events.referral.ReferralAccepted;
import org.minqing.events.referral.ReferralClosed;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralExtended;
import org.minqing.events.referral.ReferralOpened;
import org.minqing.events.referral.ReferralOverdue;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.ReferralReopened;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.events.referral.ReferralReturned;
import org.minqing.events.referral.RepeatLinked;
import org.minqing.events.referral.RoutingRuleChanged;
import org.minqing.events.referral.ResidentInformed;
import org.minqing.events.referral.ReviewRequested;
import org.minqing.events.referral.SupervisionIssued;
import org.minqing.events.referral.SupervisionRequested;
import org.minqing.events.representative.AbsenceRecorded;
import org.minqing.events.representative.LiaisonOfficerRegistered;
import org.minqing.events.representative.ReceptionDayCancelled;
import org.minqing.events.representative.ReceptionDayRescheduled;
import org.minqing.events.representative.ReceptionDayScheduled;
import org.minqing.events.representative.RepresentativeConfirmed;
import org.minqing.events.representative.RepresentativeDeclined;
import org.minqing.events.representative.RepresentativeRegistered;
import org.minqing.events.representative.RepresentativeUpdated;
import org.minqing.events.representative.RosterChanged;

/**
 * Every event on the platform: its type string ({@code <service>.<aggregate>.<past-tense-verb>}),
 * schema version, topic, payload record and aggregate type. Adding an event means a constant
 * here, a payload record, a schema file and an AsyncAPI message; the tests fail until all exist.
 */
public enum EventType {
    // representative-service: reception days (key = receptionDayId)
    RECEPTION_DAY_SCHEDULED("representative.reception-day.scheduled", Topics.RECEPTION_DAY, ReceptionDayScheduled.class),
    RECEPTION_DAY_RESCHEDULED("representative.reception-day.rescheduled", Topics.RECEPTION_DAY, ReceptionDayRescheduled.class),
    RECEPTION_DAY_CANCELLED("representative.reception-day.cancelled", Topics.RECEPTION_DAY, ReceptionDayCancelled.class),
    RECEPTION_DAY_ROSTER_CHANGED("representative.reception-day.roster-changed", Topics.RECEPTION_DAY, RosterChanged.class),
    RECEPTION_DAY_REPRESENTATIVE_CONFIRMED("representative.reception-day.representative-confirmed", Topics.RECEPTION_DAY, RepresentativeConfirmed.class),
    RECEPTION_DAY_REPRESENTATIVE_DECLINED("representative.reception-day.representative-declined", Topics.RECEPTION_DAY, RepresentativeDeclined.class),
    RECEPTION_DAY_ABSENCE_RECORDED("representative.reception-day.absence-recorded", Topics.RECEPTION_DAY, AbsenceRecorded.class),

    // representative-service: people (key = representativeId / liaisonOfficerId)
    REPRESENTATIVE_REGISTERED("representative.representative.registered", Topics.REPRESENTATIVE, RepresentativeRegistered.class),
    REPRESENTATIVE_UPDATED("representative.representative.updated", Topics.REPRESENTATIVE, RepresentativeUpdated.class),
    LIAISON_OFFICER_REGISTERED("representative.liaison-officer.registered", Topics.REPRESENTATIVE, LiaisonOfficerRegistered.class),

    // intake-service (key = caseId)
    CASE_RECORDED("intake.case.recorded", Topics.CASE, CaseRecorded.class),
    CASE_FEEDBACK_GIVEN("intake.case.feedback-given", Topics.CASE, FeedbackGiven.class),

    // intake-service: the district's lines, for the other pieces' intake (issue 14, ADR 0021; key = the line's code)
    LINE_CHANGED("intake.line.changed", Topics.INTAKE_REFERENCE, LineChanged.class),

    // referral-service (key = referralId)
    REFERRAL_OPENED("referral.referral.opened", Topics.REFERRAL, ReferralOpened.class),
    REFERRAL_REFERRED("referral.referral.referred", Topics.REFERRAL, ReferralReferred.class),
    REFERRAL_ACCEPTED("referral.referral.accepted", Topics.REFERRAL, ReferralAccepted.class),
    REFERRAL_RETURNED("referral.referral.returned", Topics.REFERRAL, ReferralReturned.class),
    REFERRAL_PROGRESS_RECORDED("referral.referral.progress-recorded", Topics.REFERRAL, ProgressRecorded.class),
    REFERRAL_REPLIED("referral.referral.replied", Topics.REFERRAL, ReferralReplied.class),
    REFERRAL_RESIDENT_INFORMED("referral.referral.resident-informed", Topics.REFERRAL, ResidentInformed.class),
    REFERRAL_CLOSED("referral.referral.closed", Topics.REFERRAL, ReferralClosed.class),
    REFERRAL_REOPENED("referral.referral.reopened", Topics.REFERRAL, ReferralReopened.class),
    REFERRAL_EXTENDED("referral.referral.extended", Topics.REFERRAL, ReferralExtended.class),
    REFERRAL_DEADLINE_APPROACHING("referral.referral.deadline-approaching", Topics.REFERRAL, DeadlineApproaching.class),
    REFERRAL_OVERDUE("referral.referral.overdue", Topics.REFERRAL, ReferralOverdue.class),
    REFERRAL_ESCALATED("referral.referral.escalated", Topics.REFERRAL, ReferralEscalated.class),
    REFERRAL_SUPERVISION_ISSUED("referral.referral.supervision-issued", Topics.REFERRAL, SupervisionIssued.class),
    // Issue 14: the district's piece asks the owning piece for a 督办单 (ADR 0020)
    REFERRAL_SUPERVISION_REQUESTED("referral.referral.supervision-requested", Topics.REFERRAL, SupervisionRequested.class),
    REFERRAL_REPEAT_LINKED("referral.referral.repeat-linked", Topics.REFERRAL, RepeatLinked.class),
    REFERRAL_REVIEW_REQUESTED("referral.referral.review-requested", Topics.REFERRAL, ReviewRequested.class),

    // referral-service: handling units as reference data (key = unitId)
    UNIT_CHANGED("referral.unit.changed", Topics.UNIT, HandlingUnitChanged.class),

    // referral-service: the district's time limits and working calendar, for the other pieces' referral
    // (issue 14, ADR 0021; key = <kind>/<route>, or the year)
    DEADLINE_POLICY_CHANGED("referral.deadline-policy.changed", Topics.REFERENCE, DeadlinePolicyChanged.class),
    CALENDAR_YEAR_CHANGED("referral.calendar-year.changed", Topics.REFERENCE, CalendarYearChanged.class),
    // referral-service: remit rules, written by the piece owning their scope, copied by the others
    // (issue 14, ADR 0024; key = <lineCode>@<scopeCode>)
    ROUTING_RULE_CHANGED("referral.routing-rule.changed", Topics.REFERENCE, RoutingRuleChanged.class),

    // notification-service (key = noticeId)
    NOTICE_SENT("notification.notice.sent", Topics.NOTICE, NoticeSent.class),
    NOTICE_FAILED("notification.notice.failed", Topics.NOTICE, NoticeFailed.class);

    private static final Map<String, EventType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private final String type;
    private final int schemaVersion;
    private final Topics topic;
    private final Class<? extends Record> payloadClass;
    private final String aggregateType;

    EventType(String type, Topics topic, Class<? extends Record> payloadClass) {
        this.type = type;
        this.schemaVersion = 1;
        this.topic = topic;
        this.payloadClass = payloadClass;
        // The middle segment of the type string is the aggregate: one source of truth.
        this.aggregateType = type.split("\\.")[1];
    }

    /** The type string, e.g. {@code intake.case.recorded}; also the {@code minqing-event-type} header. */
    public String type() {
        return type;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public Topics topic() {
        return topic;
    }

    public Class<? extends Record> payloadClass() {
        return payloadClass;
    }

    /** e.g. {@code reception-day}, {@code liaison-officer}, {@code case}. */
    public String aggregateType() {
        return aggregateType;
    }

    /** The service that produces this event (the type string's first segment). */
    public String producer() {
        return topic.producer();
    }

    /**
     * Issue 14 (ADR 0018): whether every piece (部署单元) takes this event, whatever its
     * jurisdiction. The directory of people (representatives, liaison officers) is such: a piece's
     * reception day or referral may name a deputy registered by another piece; so are the handling
     * units (a piece refers work to the city's or the district's units, which no sub-district owns);
     * so are the district's deadline policies and working calendar and its lines (ADR 0021), which hold
     * in every piece, and the remit rules (ADR 0024: each piece routes with the others' rules too).
     * Every other event is handled only by the piece that owns its envelope's jurisdiction.
     */
    public boolean forEveryPiece() {
        return topic.isDirectory();
    }

    /** Classpath location of the payload's JSON Schema. */
    public String schemaResource() {
        return "schemas/" + type + ".v" + schemaVersion + ".schema.json";
    }

    /** Looks up a type string; empty for types this build does not know (a newer producer's). */
    public static Optional<EventType> find(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static EventType of(String type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
    }

    public static EventType forPayload(Class<?> payloadClass) {
        for (EventType t : values()) {
            if (t.payloadClass == payloadClass) {
                return t;
            }
        }
        throw new IllegalArgumentException("no event type has payload " + payloadClass.getName());
    }
}
