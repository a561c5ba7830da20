package org.minqing.intake.messaging;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.Topics;
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
import org.minqing.events.referral.ReviewRequested;
import org.minqing.events.referral.SupervisionIssued;
import org.minqing.events.referral.ProgressRecorded;
import org.minqing.intake.CaseStatus;
import org.minqing.intake.IntakeCase;
import org.minqing.intake.service.CaseService;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.inbox.InboxBatches;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.kit.messaging.PoisonMessageException;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Builds each case's status, expected date and timeline (办理进程) from referral-service's events.
 * Public milestones carry a label and a date only; unit names, replies and reasons stay staff-only.
 */
@ApplicationScoped
public class ReferralConsumer {

    private static final Logger LOG = Logger.getLogger(ReferralConsumer.class);

    static final String CONSUMER = "intake-service";

    @Inject
    InboxBatches batches;

    @Inject
    CaseService cases;

    @Inject
    EntityManager em;

    @Incoming("referrals")
    @Blocking // ordered: one poll at a time, each partition's records in order
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        // A poll's events in one transaction (issue 16, ADR 0025). If that fails, each event alone;
        // a rating (or staff reissuing the receipt) may change the same case at that moment
        // (optimistic lock, M5): the event is then applied again on fresh data, not dead-lettered.
        return batches.take(CONSUMER, batch, InboxBatches.Retry.FRESH_DATA, t -> t.topic() == Topics.REFERRAL, this::apply);
    }

    void apply(Inbox.Delivery d) {
        EventEnvelope env = d.envelope();
        EventType type = d.type();
        if (!env.payload().hasNonNull("caseId")) {
            throw new PoisonMessageException(env.type() + " without caseId");
        }
        UUID caseId;
        try {
            caseId = UUID.fromString(env.payload().get("caseId").asText());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("caseId is not a UUID: " + env.payload().get("caseId").asText());
        }
        IntakeCase c = IntakeCase.findById(caseId);
        if (c == null) {
            LOG.debugf("%s for a case intake does not hold: %s", env.type(), caseId);
            return;
        }
        var at = env.occurredAt();
        switch (type) {
            case REFERRAL_OPENED -> {
                ReferralOpened e = InboundEvents.payload(env, ReferralOpened.class);
                c.referralId = e.referralId();
                status(c, CaseStatus.REFERRING);
                expected(c, e.acknowledgeBy());
                m(c, env, "REFERRAL_OPENED", "进入转办", "Referral opened", null, e.acknowledgeBy(), true);
            }
            case REFERRAL_REFERRED -> {
                ReferralReferred e = InboundEvents.payload(env, ReferralReferred.class);
                c.referralId = e.referralId();
                c.assignedUnitId = e.unitId();
                status(c, CaseStatus.REFERRED);
                expected(c, e.dueDate());
                m(c, env, "REFERRED", "已转交承办单位", "Referred to a handling unit",
                        e.unitName() + "（" + e.route() + "）", e.dueDate(), true);
            }
            case REFERRAL_ACCEPTED -> {
                ReferralAccepted e = InboundEvents.payload(env, ReferralAccepted.class);
                status(c, CaseStatus.IN_PROGRESS);
                expected(c, e.resolveBy());
                m(c, env, "ACCEPTED", "承办单位已受理", "Accepted by the handling unit", null, e.resolveBy(), true);
            }
            case REFERRAL_RETURNED -> {
                ReferralReturned e = InboundEvents.payload(env, ReferralReturned.class);
                c.assignedUnitId = null;
                status(c, CaseStatus.REFERRING);
                m(c, env, "RETURNED", "重新转办", "Being re-referred", e.reason(), null, true);
            }
            case REFERRAL_PROGRESS_RECORDED -> {
                ProgressRecorded e = InboundEvents.payload(env, ProgressRecorded.class);
                m(c, env, "PROGRESS", "办理进展", "Progress", e.note(), null, true);
            }
            case REFERRAL_REPLIED -> {
                ReferralReplied e = InboundEvents.payload(env, ReferralReplied.class);
                status(c, CaseStatus.REPLIED);
                c.openFeedback();
                m(c, env, "REPLIED", "承办单位已答复", "The handling unit replied", e.reply(), null, true);
            }
            case REFERRAL_RESIDENT_INFORMED -> {
                if (CaseStatus.REPLIED.name().equals(c.status)) {
                    status(c, CaseStatus.INFORMED);
                }
                m(c, env, "RESIDENT_INFORMED", "已告知来访人", "Visitor informed", null, null, true);
            }
            case REFERRAL_CLOSED -> {
                ReferralClosed e = InboundEvents.payload(env, ReferralClosed.class);
                status(c, CaseStatus.CLOSED);
                if (e.satisfaction() == null) {
                    c.openFeedback();
                } else {
                    c.feedbackOpen = false;
                }
                m(c, env, "CLOSED", "已办结", "Closed", e.outcome(), null, true);
            }
            case REFERRAL_REOPENED -> {
                ReferralReopened e = InboundEvents.payload(env, ReferralReopened.class);
                status(c, CaseStatus.IN_PROGRESS);
                c.feedbackOpen = false;
                expected(c, e.resolveBy());
                m(c, env, "REOPENED", "重新办理", "Reopened", e.reason(), e.resolveBy(), true);
            }
            case REFERRAL_EXTENDED -> {
                ReferralExtended e = InboundEvents.payload(env, ReferralExtended.class);
                expected(c, e.resolveBy());
                m(c, env, "EXTENDED", "延期办理（" + e.days() + "天）", "Extended by " + e.days() + " days", e.reason(),
                        e.resolveBy(), true);
            }
            case REFERRAL_ESCALATED -> {
                ReferralEscalated e = InboundEvents.payload(env, ReferralEscalated.class);
                m(c, env, "ESCALATED", "提级督办", "Escalated", e.fromTier() + " → " + e.toTier() + "：" + e.reason(), null, true);
            }
            case REFERRAL_SUPERVISION_ISSUED -> {
                SupervisionIssued e = InboundEvents.payload(env, SupervisionIssued.class);
                m(c, env, "SUPERVISION", "督办", "Supervision issued", e.note(), e.respondBy(), false);
            }
            case REFERRAL_OVERDUE -> {
                ReferralOverdue e = InboundEvents.payload(env, ReferralOverdue.class);
                m(c, env, "OVERDUE", "超期", "Overdue", e.deadlineKind().name(), e.dueDate(), false);
            }
            case REFERRAL_REPEAT_LINKED -> {
                RepeatLinked e = InboundEvents.payload(env, RepeatLinked.class);
                c.repeatCount = Math.max(c.repeatCount, e.repeatCount());
                m(c, env, "REPEAT_LINKED", "重复信访已合并（第" + e.repeatCount() + "次）",
                        "Repeat petition linked (#" + e.repeatCount() + ")", "repeat case " + e.repeatCaseId(), null, false);
                try {
                    IntakeCase repeat = IntakeCase.findById(UUID.fromString(e.repeatCaseId()));
                    if (repeat != null) {
                        repeat.repeatOf = c.id;
                        repeat.referralId = e.referralId();
                        repeat.updatedAt = at;
                        cases.milestone(repeat.id, env.eventId(), "REPEAT_LINKED", "已并入此前同一事项一并办理",
                                "Joined to the earlier case on the same matter", null, null, true, at);
                    }
                } catch (IllegalArgumentException ex) {
                    throw new PoisonMessageException("repeatCaseId is not a UUID");
                }
            }
            case REFERRAL_REVIEW_REQUESTED -> {
                ReviewRequested e = InboundEvents.payload(env, ReviewRequested.class);
                m(c, env, "REVIEW_REQUESTED", "已申请复查", "Review requested", e.reason(), null, true);
            }
            default -> {
                return;
            }
        }
        c.updatedAt = at;
        // The version check happens here, inside the retry, rather than at commit.
        em.flush();
    }

    private static void status(IntakeCase c, CaseStatus s) {
        c.status = s.name();
    }

    private static void expected(IntakeCase c, LocalDate d) {
        if (d != null) {
            c.expectedDate = d;
        }
    }

    private void m(IntakeCase c, EventEnvelope env, String kind, String zh, String en, String detail, LocalDate due,
            boolean pub) {
        cases.milestone(c.id, env.eventId(), kind, zh, en, detail, due, pub, env.occurredAt());
    }
}
