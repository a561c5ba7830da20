package org.minqing.referral.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.referral.ReferralOpened;
import org.minqing.events.referral.RepeatLinked;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.Tier;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.Referral;
import org.minqing.referral.ReferralCase;
import org.minqing.referral.ReferralStatus;

/**
 * How a recorded case (接访件) arrives in referral: it opens a referral in its sub-district's queue
 * with a suggested route and unit from the remit rules, or, when an open referral of its community
 * and line already describes the same matter, it is linked to it as a repeat petition (重复信访).
 */
@ApplicationScoped
public class IncomingCases {

    /** The opening case plus this many minus one of the latest repeats stand for an open referral. */
    static final int REPEAT_CANDIDATES_PER_REFERRAL = 6;

    @Inject
    AppClock clock;

    @Inject
    DeadlinePolicies policies;

    @Inject
    RepeatMatcher matcher;

    @Inject
    ReferralRecorder recorder;

    @Inject
    EntityManager em;

    /** A recorded case opens a referral in its sub-district's queue, or is linked as a repeat. */
    @Transactional
    public void caseRecorded(EventEnvelope env, CaseRecorded c) {
        if (ReferralCase.findById(c.caseId()) != null) {
            return; // already handled under another event id
        }
        Actor actor = env.actor();
        // One decision at a time per community and line, across instances: two similar cases arriving
        // together must not both open a referral because neither saw the other.
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtext(:k))) locked")
                .setParameter("k", "referral-repeat:" + c.communityCode() + ":" + c.lineCode()).getSingleResult();
        Match match = findRepeat(c);
        if (match != null) {
            linkRepeat(match.referral(), c, match.similarity(), actor);
            return;
        }
        open(c.caseId(), c.communityCode(), c.lineCode(), c.address(), c.description(), c.households(),
                c.urgency().name(), c.recordedAt(), actor, null);
    }

    private record Match(Referral referral, double similarity) {
    }

    /**
     * Compares the new case with the open referrals of its community and line, each represented by
     * its opening case and its latest few repeats: the seed's households come back every month, and
     * comparing with every case ever linked would make each new case dearer than the last. One query,
     * and the new case's text is tokenised once.
     */
    @SuppressWarnings("unchecked")
    private Match findRepeat(CaseRecorded c) {
        List<Object[]> candidates = em.createNativeQuery("""
                select r.id, rc.address, rc.description
                from referral r
                cross join lateral (select x.address, x.description from referral_case x
                                    where x.referral_id = r.id
                                    order by x.repeat, x.recorded_at desc limit :perReferral) rc
                where r.community_code = :community and r.line_code = :line
                  and r.status <> 'CLOSED' and r.merged_into is null""")
                .setParameter("perReferral", REPEAT_CANDIDATES_PER_REFERRAL)
                .setParameter("community", c.communityCode()).setParameter("line", c.lineCode())
                .getResultList();
        RepeatMatcher.Text incoming = RepeatMatcher.text(c.address(), c.description());
        UUID bestId = null;
        double bestScore = 0;
        for (Object[] row : candidates) {
            RepeatMatcher.Score s = RepeatMatcher.score(RepeatMatcher.text((String) row[1], (String) row[2]), incoming);
            boolean both = !RepeatMatcher.blank((String) row[1]) && !RepeatMatcher.blank(c.address());
            if (matcher.isRepeat(s, both) && (bestId == null || s.combined() > bestScore)) {
                bestId = (UUID) row[0];
                bestScore = s.combined();
            }
        }
        return bestId == null ? null : new Match(Referral.findById(bestId), bestScore);
    }

    private void linkRepeat(Referral r, CaseRecorded c, double similarity, Actor actor) {
        ReferralCase rc = caseRow(c.caseId(), r.id, true, c.communityCode(), c.lineCode(), c.address(), c.description(),
                c.households(), c.urgency().name(), c.recordedAt());
        rc.similarity = similarity;
        rc.persist();
        r.repeatCount++;
        r.priority++;
        timeline(r, actor, "REPEAT_LINKED", r.status, r.status,
                String.format("重复信访 %s（相似度 %.2f） / repeat petition", c.caseId(), similarity));
        emit(EventType.REFERRAL_REPEAT_LINKED, r, actor,
                new RepeatLinked(id(r), r.caseId, c.caseId(), r.repeatCount, r.priority));
    }

    /** A new referral in its sub-district's queue, with the suggested route and unit; {@code why} for the timeline. */
    Referral open(String caseId, String community, String line, String address, String description,
            int households, String urgency, Instant recordedAt, Actor actor, String why) {
        Referral r = new Referral();
        r.id = UUID.randomUUID();
        r.caseId = caseId;
        r.communityCode = community;
        r.subdistrictCode = Jurisdiction.at(community, Jurisdiction.Tier.SUBDISTRICT);
        r.lineCode = line;
        r.address = address;
        r.description = description;
        r.households = households;
        r.urgency = urgency;
        r.caseRecordedAt = recordedAt;
        r.status = ReferralStatus.TO_ROUTE;
        r.openedAt = clock.instant();
        r.acknowledgeBy = policies.due("ACKNOWLEDGE", null, LocalDate.ofInstant(recordedAt, AppClock.ZONE));
        r.priority = "URGENT".equals(urgency) ? 2 : 1;
        r.watchTier = Tier.SUBDISTRICT;
        r.watchJurisdiction = r.subdistrictCode;
        suggest(r);
        r.persist();
        caseRow(caseId, r.id, false, community, line, address, description, households, urgency, recordedAt).persist();
        timeline(r, actor, "OPEN", null, r.status, why != null ? why
                : "进入街道待转办队列 / queued at sub-district " + r.subdistrictCode);
        emit(EventType.REFERRAL_OPENED, r, actor, new ReferralOpened(id(r), caseId, community, line, r.suggestedRoute,
                r.suggestedUnitId == null ? null : r.suggestedUnitId.toString(), r.acknowledgeBy));
        return r;
    }

    /** Pre-fills route and unit from the remit rules; the most specific scope wins. */
    private void suggest(Referral r) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select rr.route, rr.unit_id from routing_rule rr join handling_unit u on u.id = rr.unit_id
                where rr.line_code = :line and u.active
                  and rr.scope_code in (:community, :subdistrict, :district)
                order by case rr.scope_code when :community then 0 when :subdistrict then 1 else 2 end
                limit 1""")
                .setParameter("line", r.lineCode).setParameter("community", r.communityCode)
                .setParameter("subdistrict", r.subdistrictCode)
                .setParameter("district", Jurisdiction.at(r.communityCode, Jurisdiction.Tier.DISTRICT))
                .getResultList();
        if (!rows.isEmpty()) {
            r.suggestedRoute = Route.valueOf((String) rows.get(0)[0]);
            r.suggestedUnitId = UUID.fromString(String.valueOf(rows.get(0)[1]));
        }
    }

    private ReferralCase caseRow(String caseId, UUID referralId, boolean repeat, String community, String line,
            String address, String description, int households, String urgency, Instant recordedAt) {
        ReferralCase rc = new ReferralCase();
        rc.caseId = caseId;
        rc.referralId = referralId;
        rc.repeat = repeat;
        rc.communityCode = community;
        rc.lineCode = line;
        rc.address = address;
        rc.description = description;
        rc.households = households;
        rc.urgency = urgency;
        rc.recordedAt = recordedAt;
        rc.linkedAt = clock.instant();
        return rc;
    }

    private void timeline(Referral r, Actor actor, String action, ReferralStatus from, ReferralStatus to, String reason) {
        recorder.timeline(r, actor, action, from, to, reason);
    }

    private void emit(EventType type, Referral r, Actor actor, Object payload) {
        recorder.emit(type, r, actor, payload);
    }

    private static String id(Referral r) {
        return r.id.toString();
    }
}
