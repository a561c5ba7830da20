package org.minqing.referral.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.ReferralAccepted;
import org.minqing.events.referral.ReferralClosed;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralExtended;
import org.minqing.events.referral.ReferralOpened;
import org.minqing.events.referral.ReferralOverdue;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.ReferralReopened;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.events.referral.RepeatLinked;
import org.minqing.events.referral.SupervisionIssued;
import org.minqing.events.referral.Tier;
import org.minqing.kit.inbox.Inbox;
import org.minqing.kit.messaging.InboundEvents;
import org.minqing.kit.piece.Ownership;
import org.minqing.kit.piece.Piece;
import org.minqing.referral.ReferralStatus;

/**
 * Issue 14 (ADR 0020): the district's read model of delegated referrals (下级部署单元的转办件). The
 * root piece of an ownership table takes the referral events of the jurisdictions other pieces own
 * and keeps, per referral, what supervision and the reports count: status, unit, deadlines,
 * escalation, 督办单. Idempotent through the inbox under its own consumer name, so a redelivered
 * event changes nothing. Every other piece (and a deployment without a table) keeps nothing here:
 * it owns what it sees.
 */
@ApplicationScoped
public class DelegatedReferrals {

    /** The read model's consumer name in {@code processed_event}, apart from the piece's own consumer. */
    public static final String CONSUMER = "referral-service-district-view";

    private static final Logger LOG = Logger.getLogger(DelegatedReferrals.class);

    @Inject
    EntityManager em;

    @Inject
    Ownership ownership;

    @Inject
    Inbox inbox;

    /** Whether this piece keeps the event in its read model: the root piece, for another piece's jurisdiction. */
    public boolean takes(EventEnvelope env) {
        Piece piece = ownership.piece();
        return !piece.ownsEverything() && piece.isRoot() && piece.verdict(env.jurisdiction()) == Piece.Verdict.OTHER_PIECE;
    }

    /** Whether the read model holds the referral (the district may ask its owner for a 督办单). */
    public Optional<Object[]> find(UUID referralId) {
        @SuppressWarnings("unchecked")
        var rows = (java.util.List<Object[]>) em.createNativeQuery(
                "select id, case_id, community_code, status, piece_id from delegated_referral where id = :id")
                .setParameter("id", referralId).getResultList();
        return rows.stream().findFirst();
    }

    /** At most this many delegated referrals per list page. */
    public static final int PAGE_SIZE = 500;

    /** A delegated referral as the district sees it: no resident's data (the events carry none). */
    public record View(UUID referralId, String pieceId, String caseId, String communityCode, String lineCode,
            String status, String route, UUID unitId, String unitName, LocalDate acknowledgeBy, LocalDate dueDate,
            String deadlineKind, String watchTier, String watchJurisdiction, boolean escalated, int priority,
            int repeatCount, Instant openedAt, Instant lastEventAt) {
    }

    /**
     * The delegated referrals of cases within {@code scopeCode}; {@code watchedBy} non-null keeps those
     * that tier watches now (e.g. escalated to the district); {@code status} null = any. Highest
     * priority first, as the referral list.
     */
    @SuppressWarnings("unchecked")
    public java.util.List<View> list(String scopeCode, String watchedBy, String status, int page) {
        String sql = """
                select id, piece_id, case_id, community_code, line_code, status, route, unit_id, unit_name,
                       acknowledge_by, due_date, deadline_kind, watch_tier, watch_jurisdiction, escalated, priority,
                       repeat_count, opened_at, last_event_at
                  from delegated_referral where community_code between :lo and :hi"""
                + (watchedBy == null ? "" : " and watch_jurisdiction = :watch")
                + (status == null ? "" : " and status = :status")
                + " order by priority desc, opened_at, id limit " + PAGE_SIZE + " offset " + (long) page * PAGE_SIZE;
        var q = em.createNativeQuery(sql).setParameter("lo", org.minqing.kit.scope.Jurisdiction.lowest(scopeCode))
                .setParameter("hi", org.minqing.kit.scope.Jurisdiction.highest(scopeCode));
        if (watchedBy != null) {
            q.setParameter("watch", watchedBy);
        }
        if (status != null) {
            q.setParameter("status", status);
        }
        java.util.List<View> out = new java.util.ArrayList<>();
        for (Object[] o : (java.util.List<Object[]>) q.getResultList()) {
            out.add(new View((UUID) o[0], (String) o[1], (String) o[2], String.valueOf(o[3]), (String) o[4],
                    (String) o[5], (String) o[6], (UUID) o[7], (String) o[8], Reports.toDate(o[9]), Reports.toDate(o[10]),
                    (String) o[11], (String) o[12], String.valueOf(o[13]), Boolean.TRUE.equals(o[14]),
                    ((Number) o[15]).intValue(), ((Number) o[16]).intValue(), Reports.toInstant(o[17]),
                    Reports.toInstant(o[18])));
        }
        return out;
    }

    /** Applies a referral event of another piece once; the caller checked {@link #takes}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void receive(EventEnvelope env) {
        EventType type = env.eventType().orElse(null);
        if (type == null || type.topic() != org.minqing.events.Topics.REFERRAL || !inbox.firstDelivery(CONSUMER, env)) {
            return;
        }
        UUID id = UUID.fromString(env.aggregateId());
        Instant at = env.occurredAt();
        if (type == EventType.REFERRAL_OPENED) {
            opened(env, id, InboundEvents.payload(env, ReferralOpened.class));
            return;
        }
        if (find(id).isEmpty()) {
            // opened before this read model began (beyond the topic's retention): nothing to update
            LOG.debugf("%s of referral %s, which the district's read model does not hold", env.type(), id);
            return;
        }
        switch (type) {
            case REFERRAL_REFERRED -> {
                var p = InboundEvents.payload(env, ReferralReferred.class);
                update(id, at, """
                        status = 'REFERRED', route = :route, unit_id = cast(:unit as uuid), unit_name = :unitName,
                        due_date = :due, deadline_kind = :kind, referred_at = :at, replied_at = null,
                        replied_on_time = null,
                        watch_tier = case when :route = 'COMMUNITY' and watch_tier = 'SUBDISTRICT'
                                          and not review_requested then 'COMMUNITY' else watch_tier end,
                        watch_jurisdiction = case when :route = 'COMMUNITY' and watch_tier = 'SUBDISTRICT'
                                          and not review_requested then community_code else watch_jurisdiction end""",
                        "route", p.route().name(), "unit", p.unitId(), "unitName", p.unitName(), "due", p.dueDate(),
                        "kind", (ReferralService.isSuggestion(p.route()) ? DeadlineKind.ANSWER_SUGGESTION
                                : DeadlineKind.RESOLVE).name());
            }
            case REFERRAL_ACCEPTED -> update(id, at, "status = 'ACCEPTED', accepted_at = :at, due_date = :due",
                    "due", InboundEvents.payload(env, ReferralAccepted.class).resolveBy());
            case REFERRAL_RETURNED -> update(id, at, """
                    status = 'RETURNED', unit_id = null, unit_name = null, route = null, due_date = null,
                    deadline_kind = null,
                    watch_jurisdiction = case when watch_tier = 'COMMUNITY' then substr(community_code, 1, 9) || '000'
                                              else watch_jurisdiction end,
                    watch_tier = case when watch_tier = 'COMMUNITY' then 'SUBDISTRICT' else watch_tier end""");
            case REFERRAL_PROGRESS_RECORDED -> {
                update(id, at, "status = 'IN_PROGRESS'");
                answerSupervisions(id, at);
            }
            case REFERRAL_REPLIED -> {
                var p = InboundEvents.payload(env, ReferralReplied.class);
                update(id, at, "status = 'REPLIED', replied_at = :repliedAt, replied_on_time = :onTime",
                        "repliedAt", p.repliedAt(), "onTime", p.onTime());
                answerSupervisions(id, at);
            }
            case REFERRAL_RESIDENT_INFORMED -> update(id, at, "status = 'RESIDENT_INFORMED'");
            case REFERRAL_CLOSED -> {
                var p = InboundEvents.payload(env, ReferralClosed.class);
                update(id, at, "status = 'CLOSED', closed_at = :at, satisfaction = coalesce(:sat, satisfaction)",
                        "sat", p.satisfaction() == null ? null : p.satisfaction().name());
                answerSupervisions(id, at);
            }
            case REFERRAL_REOPENED -> update(id, at, """
                    status = 'REOPENED', closed_at = null, due_date = :due, deadline_kind = 'RESOLVE',
                    satisfaction = 'UNSATISFIED'""", "due", InboundEvents.payload(env, ReferralReopened.class).resolveBy());
            case REFERRAL_EXTENDED -> update(id, at, "status = 'EXTENDED', due_date = :due",
                    "due", InboundEvents.payload(env, ReferralExtended.class).resolveBy());
            case REFERRAL_ESCALATED -> {
                var p = InboundEvents.payload(env, ReferralEscalated.class);
                update(id, at, "watch_tier = :tier, watch_jurisdiction = :code, escalated = true, priority = priority + 1",
                        "tier", p.toTier().name(), "code", p.toJurisdiction());
            }
            case REFERRAL_REVIEW_REQUESTED -> update(id, at, "review_requested = true, satisfaction = 'UNSATISFIED'");
            case REFERRAL_REPEAT_LINKED -> {
                var p = InboundEvents.payload(env, RepeatLinked.class);
                update(id, at, "repeat_count = :n, priority = :priority", "n", p.repeatCount(), "priority", p.priority());
                em.createNativeQuery("""
                        insert into delegated_case (case_id, referral_id, repeat, community_code, line_code, recorded_at)
                        select :caseId, id, true, community_code, line_code, :at from delegated_referral where id = :id
                        on conflict do nothing""").setParameter("caseId", p.repeatCaseId()).setParameter("at", at)
                        .setParameter("id", id).executeUpdate();
            }
            case REFERRAL_SUPERVISION_ISSUED -> {
                var p = InboundEvents.payload(env, SupervisionIssued.class);
                em.createNativeQuery("""
                        insert into delegated_supervision (event_id, referral_id, unit_id, note, reply_by, issued_at, issued_by)
                        select :event, id, unit_id, :note, :replyBy, :at, :by from delegated_referral where id = :id
                        on conflict do nothing""").setParameter("event", env.eventId()).setParameter("note", p.note())
                        .setParameter("replyBy", p.respondBy()).setParameter("at", at).setParameter("by", p.issuedBy())
                        .setParameter("id", id).executeUpdate();
                update(id, at, "priority = priority + 1");
            }
            case REFERRAL_OVERDUE -> {
                var p = InboundEvents.payload(env, ReferralOverdue.class);
                if (p.deadlineKind() == DeadlineKind.SUPERVISION) {
                    em.createNativeQuery("""
                            update delegated_supervision set overdue_at = :at
                             where referral_id = :id and reply_by = :due and answered_at is null and overdue_at is null""")
                            .setParameter("at", at).setParameter("id", id).setParameter("due", p.dueDate()).executeUpdate();
                }
            }
            default -> {
                // deadline-approaching, supervision-requested: nothing the read model keeps
            }
        }
    }

    private void opened(EventEnvelope env, UUID id, ReferralOpened p) {
        String piece = ownership.piece().table().ownerOf(env.jurisdiction()).orElse("?");
        String subdistrict = p.communityCode().substring(0, 9) + "000";
        em.createNativeQuery("""
                insert into delegated_referral (id, piece_id, case_id, community_code, line_code, status, acknowledge_by,
                                                opened_at, watch_tier, watch_jurisdiction, last_event_at)
                values (:id, :piece, :caseId, :community, :line, :status, :ack, :at, :tier, :watch, :at)
                on conflict (id) do nothing""").setParameter("id", id).setParameter("piece", piece)
                .setParameter("caseId", p.caseId()).setParameter("community", p.communityCode())
                .setParameter("line", p.lineCode()).setParameter("status", ReferralStatus.TO_ROUTE.name())
                .setParameter("ack", p.acknowledgeBy()).setParameter("at", env.occurredAt())
                .setParameter("tier", Tier.SUBDISTRICT.name()).setParameter("watch", subdistrict).executeUpdate();
        em.createNativeQuery("""
                insert into delegated_case (case_id, referral_id, repeat, community_code, line_code, recorded_at)
                values (:caseId, :id, false, :community, :line, :at) on conflict do nothing""")
                .setParameter("caseId", p.caseId()).setParameter("id", id).setParameter("community", p.communityCode())
                .setParameter("line", p.lineCode()).setParameter("at", env.occurredAt()).executeUpdate();
    }

    /** {@code set} with named parameters given as name, value pairs; {@code :at} is the event's time. */
    private void update(UUID id, Instant at, String set, Object... params) {
        var q = em.createNativeQuery("update delegated_referral set " + set + ", last_event_at = :at where id = :id")
                .setParameter("id", id).setParameter("at", at);
        for (int k = 0; k < params.length; k += 2) {
            Object v = params[k + 1];
            if (v == null) {
                q.setParameter((String) params[k], (String) null);
            } else {
                q.setParameter((String) params[k], v);
            }
        }
        q.executeUpdate();
    }

    private void answerSupervisions(UUID id, Instant at) {
        em.createNativeQuery("update delegated_supervision set answered_at = :at where referral_id = :id and answered_at is null")
                .setParameter("at", at).setParameter("id", id).executeUpdate();
    }
}
