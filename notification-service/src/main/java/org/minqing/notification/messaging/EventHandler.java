package org.minqing.notification.messaging;

import static org.minqing.notification.service.NoticePlanner.params;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.Urgency;
import org.minqing.events.referral.DeadlineApproaching;
import org.minqing.events.referral.HandlingUnitChanged;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralExtended;
import org.minqing.events.referral.ReferralOverdue;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.events.referral.RepeatLinked;
import org.minqing.events.referral.ReviewRequested;
import org.minqing.events.referral.SupervisionIssued;
import org.minqing.events.representative.LiaisonOfficerRegistered;
import org.minqing.events.representative.ReceptionDayCancelled;
import org.minqing.events.representative.ReceptionDayRescheduled;
import org.minqing.events.representative.ReceptionDayScheduled;
import org.minqing.events.representative.RepresentativeRegistered;
import org.minqing.events.representative.RepresentativeUpdated;
import org.minqing.events.representative.RosterChanged;
import org.minqing.events.representative.RosterEntry;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;
import org.minqing.notification.CaseRef;
import org.minqing.notification.ReceptionDay;
import org.minqing.notification.RecipientKind;
import org.minqing.notification.ReferralRef;
import org.minqing.notification.mapping.Labels;
import org.minqing.notification.service.Directory;
import org.minqing.notification.service.NoticePlanner;
import org.minqing.notification.service.NoticePlanner.Plan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * What each incoming event means here: keep the recipient directory and the few facts notices
 * need (receipt codes, referral units, reception days), then plan the notices the routing table
 * asks for. Runs in the consumer's transaction, after the inbox de-duplication.
 */
@ApplicationScoped
public class EventHandler {

    public static final String CONSUMER = "notification-service";
    private static final Logger LOG = Logger.getLogger(EventHandler.class);
    private static final DateTimeFormatter DATE_ZH = DateTimeFormatter.ofPattern("yyyy年M月d日");

    @Inject
    Inbox inbox;
    @Inject
    Directory directory;
    @Inject
    NoticePlanner planner;
    @Inject
    AppClock clock;
    @Inject
    EventContacts contacts; // representatives' e-mail and mobile arrive sealed (M3)

    @Transactional(Transactional.TxType.MANDATORY)
    public void handle(String value) {
        inbox.receive(CONSUMER, value).ifPresent(this::apply);
    }

    /** An event's first delivery (recorded by the inbox in the caller's transaction, alone or with its batch). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Inbox.Delivery delivery) {
        EventEnvelope env = delivery.envelope();
        EventType type = delivery.type();
        switch (type) {
            case REPRESENTATIVE_REGISTERED -> {
                var p = InboundEvents.payload(env, RepresentativeRegistered.class);
                directory.upsertPerson(RecipientKind.REPRESENTATIVE, p.representativeId(), p.name(), p.constituencyCode(),
                        p.userSubject(), contacts.open(type, p.representativeId(), "email", p.emailSealed()),
                        contacts.open(type, p.representativeId(), "mobile", p.mobileSealed()), p.active());
            }
            case REPRESENTATIVE_UPDATED -> {
                var p = InboundEvents.payload(env, RepresentativeUpdated.class);
                directory.upsertPerson(RecipientKind.REPRESENTATIVE, p.representativeId(), p.name(), p.constituencyCode(),
                        p.userSubject(), contacts.open(type, p.representativeId(), "email", p.emailSealed()),
                        contacts.open(type, p.representativeId(), "mobile", p.mobileSealed()), p.active());
            }
            case LIAISON_OFFICER_REGISTERED -> {
                var p = InboundEvents.payload(env, LiaisonOfficerRegistered.class);
                directory.upsertPerson(RecipientKind.LIAISON_OFFICER, p.liaisonOfficerId(), p.name(), p.communityCode(),
                        p.userSubject(), contacts.open(type, p.liaisonOfficerId(), "email", p.emailSealed()),
                        contacts.open(type, p.liaisonOfficerId(), "mobile", p.mobileSealed()), true);
            }
            case UNIT_CHANGED -> {
                // the unit's mailbox follows referral-service's unit, the one source (issue 14)
                var p = InboundEvents.payload(env, HandlingUnitChanged.class);
                directory.upsertUnitMailbox(p.unitId(), p.name(), p.contactEmail(), p.contactPhone(), p.userSubject(),
                        p.active());
            }
            case RECEPTION_DAY_SCHEDULED -> scheduled(env, InboundEvents.payload(env, ReceptionDayScheduled.class));
            case RECEPTION_DAY_RESCHEDULED -> rescheduled(InboundEvents.payload(env, ReceptionDayRescheduled.class));
            case RECEPTION_DAY_ROSTER_CHANGED -> rosterChanged(env, InboundEvents.payload(env, RosterChanged.class));
            case RECEPTION_DAY_CANCELLED -> cancelled(env, InboundEvents.payload(env, ReceptionDayCancelled.class));
            case CASE_RECORDED -> caseRecorded(env, InboundEvents.payload(env, CaseRecorded.class));
            case REFERRAL_REFERRED -> referred(env, InboundEvents.payload(env, ReferralReferred.class));
            case REFERRAL_DEADLINE_APPROACHING -> {
                var p = InboundEvents.payload(env, DeadlineApproaching.class);
                plan(env, false, params("referralId", p.referralId(), "caseId", p.caseId(),
                        "deadlineKind", Labels.deadline(p.deadlineKind()), "dueDate", p.dueDate(),
                        "workingDaysLeft", p.workingDaysLeft()),
                        Map.of(RecipientKind.UNIT, listOf(p.unitId() != null ? p.unitId() : unitOf(p.referralId()))));
            }
            case REFERRAL_OVERDUE -> {
                var p = InboundEvents.payload(env, ReferralOverdue.class);
                plan(env, false, params("referralId", p.referralId(), "caseId", p.caseId(),
                        "deadlineKind", Labels.deadline(p.deadlineKind()), "dueDate", p.dueDate()),
                        Map.of(RecipientKind.UNIT, listOf(p.unitId() != null ? p.unitId() : unitOf(p.referralId())),
                                RecipientKind.SUPERVISOR, List.of(subDistrictOf(env.jurisdiction()))));
            }
            case REFERRAL_SUPERVISION_ISSUED -> {
                // 督办单: to the unit holding the referral (known from its referred event)
                var p = InboundEvents.payload(env, SupervisionIssued.class);
                plan(env, false, params("referralId", p.referralId(), "caseId", p.caseId(), "note", p.note(),
                        "respondBy", p.respondBy()),
                        Map.of(RecipientKind.UNIT, listOf(unitOf(p.referralId()))));
            }
            case REFERRAL_ESCALATED -> {
                var p = InboundEvents.payload(env, ReferralEscalated.class);
                plan(env, false, params("referralId", p.referralId(), "caseId", p.caseId(),
                        "fromTier", Labels.tier(p.fromTier()), "toTier", Labels.tier(p.toTier()), "reason", p.reason()),
                        Map.of(RecipientKind.SUPERVISOR, List.of(p.toJurisdiction())));
            }
            case REFERRAL_REPEAT_LINKED -> {
                var p = InboundEvents.payload(env, RepeatLinked.class);
                plan(env, false, params("referralId", p.referralId(), "caseId", p.caseId(),
                        "repeatCaseId", p.repeatCaseId(), "repeatCount", p.repeatCount(), "priority", p.priority()),
                        Map.of(RecipientKind.SUPERVISOR, List.of(subDistrictOf(env.jurisdiction()))));
            }
            case REFERRAL_REVIEW_REQUESTED -> {
                var p = InboundEvents.payload(env, ReviewRequested.class);
                plan(env, false, params("referralId", p.referralId(), "caseId", p.caseId(), "reason", p.reason()),
                        Map.of(RecipientKind.SUPERVISOR, List.of(Jurisdiction.at(env.jurisdiction(), Jurisdiction.Tier.DISTRICT))));
            }
            case REFERRAL_EXTENDED -> {
                var p = InboundEvents.payload(env, ReferralExtended.class);
                plan(env, false, params("referralId", p.referralId(), "caseId", p.caseId(), "days", p.days(),
                        "reason", p.reason(), "resolveBy", p.resolveBy()),
                        Map.of(RecipientKind.VISITOR, List.of(p.caseId())));
            }
            case REFERRAL_REPLIED -> {
                var p = InboundEvents.payload(env, ReferralReplied.class);
                ReferralRef ref = ReferralRef.findById(p.referralId());
                Map<String, List<String>> to = new LinkedHashMap<>();
                to.put(RecipientKind.VISITOR, List.of(p.caseId()));
                if (ref != null && ref.representativeId != null) {
                    to.put(RecipientKind.REPRESENTATIVE, List.of(ref.representativeId));
                }
                plan(env, false, params("referralId", p.referralId(), "caseId", p.caseId(), "reply", p.reply(),
                        "repliedAt", DATE_ZH.format(p.repliedAt().atZone(AppClock.ZONE))), to);
            }
            default -> {
                // not a notice-worthy event for us
            }
        }
    }

    private void scheduled(EventEnvelope env, ReceptionDayScheduled p) {
        ReceptionDay day = ReceptionDay.<ReceptionDay>findByIdOptional(p.receptionDayId())
                .orElseGet(() -> new ReceptionDay(p.receptionDayId()));
        day.communityCode = p.communityCode();
        day.holdOn(p.date(), p.startTime(), p.endTime(), p.place());
        day.rosterIds(representativeIds(p.roster()));
        day.correlationId = env.correlationId();
        day.persist(); // a no-op for a day we already had
        plan(env, false, dayParams(day), Map.of(
                RecipientKind.REPRESENTATIVE, day.rosterIds(),
                RecipientKind.LIAISON_OFFICER, directory.liaisonOfficers(p.communityCode())));
    }

    private void rescheduled(ReceptionDayRescheduled p) {
        ReceptionDay day = ReceptionDay.findById(p.receptionDayId());
        if (day == null) {
            return;
        }
        if (!p.date().equals(day.day)) {
            day.reminderPlanned = false;
        }
        day.holdOn(p.date(), p.startTime(), p.endTime(), p.place());
    }

    private void rosterChanged(EventEnvelope env, RosterChanged p) {
        ReceptionDay day = ReceptionDay.findById(p.receptionDayId());
        if (day != null) {
            day.rosterIds(representativeIds(p.roster()));
        }
        Map<String, Object> params = day != null ? dayParams(day)
                : params("communityCode", p.communityCode(), "date", DATE_ZH.format(p.date()), "startTime", "",
                        "endTime", "", "place", "");
        plan(env, false, params, Map.of(RecipientKind.REPRESENTATIVE, p.added()));
    }

    private void cancelled(EventEnvelope env, ReceptionDayCancelled p) {
        ReceptionDay day = ReceptionDay.findById(p.receptionDayId());
        List<String> roster = List.of();
        String place = "";
        if (day != null) {
            day.cancelled = true;
            roster = day.rosterIds();
            place = day.place;
        }
        plan(env, false, params("communityCode", p.communityCode(), "date", DATE_ZH.format(p.date()),
                "place", place, "reason", p.reason()), Map.of(
                RecipientKind.REPRESENTATIVE, roster,
                RecipientKind.LIAISON_OFFICER, directory.liaisonOfficers(p.communityCode())));
    }

    private void caseRecorded(EventEnvelope env, CaseRecorded p) {
        CaseRef ref = CaseRef.findById(p.caseId());
        if (ref == null) {
            ref = new CaseRef();
            ref.caseId = p.caseId();
            ref.communityCode = p.communityCode();
            ref.hasContact = p.hasContact() && !p.anonymous();
            ref.urgent = p.urgency() == Urgency.URGENT;
            ref.persist();
        }
        if (ref.hasContact) {
            plan(env, ref.urgent, params("caseId", p.caseId(),
                    "recordedDate", DATE_ZH.format(p.recordedAt().atZone(AppClock.ZONE))),
                    Map.of(RecipientKind.VISITOR, List.of(p.caseId())));
        }
    }

    private void referred(EventEnvelope env, ReferralReferred p) {
        ReferralRef ref = ReferralRef.<ReferralRef>findByIdOptional(p.referralId())
                .orElseGet(() -> new ReferralRef(p.referralId()));
        ref.caseId = p.caseId();
        ref.unitId = p.unitId();
        ref.unitName = p.unitName();
        ref.representativeId = p.representativeId();
        ref.updatedAt = Instant.now();
        ref.persist(); // a no-op for a referral we already had
        plan(env, false, params("referralId", p.referralId(), "caseId", p.caseId(), "unitName", p.unitName(),
                "route", Labels.route(p.route()), "dueDate", p.dueDate()),
                Map.of(RecipientKind.UNIT, List.of(p.unitId())));
    }

    private static List<String> representativeIds(List<RosterEntry> roster) {
        return roster.stream().map(RosterEntry::representativeId).toList();
    }

    private void plan(EventEnvelope env, boolean urgent, Map<String, Object> params, Map<String, List<String>> to) {
        int n = planner.plan(new Plan(env.eventId(), env.type(), env.correlationId(), env.jurisdiction(), urgent, params, to));
        LOG.debugf("planned %d notices for %s %s", n, env.type(), env.eventId());
    }

    public static Map<String, Object> dayParams(ReceptionDay day) {
        return params("communityCode", day.communityCode, "date", DATE_ZH.format(day.day),
                "startTime", day.startTime, "endTime", day.endTime, "place", day.place);
    }

    private String unitOf(String referralId) {
        ReferralRef ref = ReferralRef.findById(referralId);
        return ref == null ? null : ref.unitId;
    }

    private static String subDistrictOf(String code) {
        Jurisdiction.Tier tier = Jurisdiction.tierOf(code);
        return tier == Jurisdiction.Tier.COMMUNITY || tier == Jurisdiction.Tier.SUBDISTRICT
                ? Jurisdiction.at(code, Jurisdiction.Tier.SUBDISTRICT) : code;
    }

    private static List<String> listOf(String value) {
        List<String> l = new ArrayList<>();
        if (value != null) {
            l.add(value);
        }
        return l;
    }
}
