package org.minqing.referral.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.HandlingUnit;
import org.minqing.referral.Referral;
import org.minqing.referral.ReferralCase;
import org.minqing.referral.ReferralStatus;
import org.minqing.referral.Supervision;
import org.minqing.referral.mapping.ReferralView;

/** Reading supervision notices (督办单): per referral, the scoped list, and the printed documents' data. */
@ApplicationScoped
public class Supervisions {

    /** At most this many notices in the list. */
    public static final int MAX_LIST = 500;

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    /** {@code respondBy} repeats {@code replyBy} for the console written before the date was stored. */
    public record SupervisionView(Long id, UUID referralId, LocalDate respondBy, LocalDate replyBy, String note,
            Instant issuedAt, String issuedBy, UUID unitId, String unitName, Instant answeredAt, boolean overdue,
            Instant overdueFlaggedAt, String caseId, String communityCode, String lineCode, ReferralStatus status,
            String pieceId) {
    }

    public record UnitView(UUID id, String name, HandlingUnit.UnitTier tier, String jurisdiction, String contactName,
            String contactPhone, String contactEmail) {
    }

    /** The matter as the referral holds it: no resident's name, phone or ID (referral-service has none). */
    public record CaseSummary(String caseId, String communityCode, String lineCode, String address, String description,
            int households, String urgency, Instant recordedAt, List<String> repeatCaseIds) {
    }

    public record Issuer(String jurisdiction) {
    }

    public record Document(ReferralView referral, UnitView unit, CaseSummary caseSummary,
            List<SupervisionView> supervisions, Issuer issuer, Instant printedAt) {
    }

    public SupervisionView view(Supervision s, Referral r) {
        Referral ref = r != null ? r : Referral.findById(s.referralId);
        HandlingUnit u = s.unitId == null ? null : HandlingUnit.findById(s.unitId);
        return new SupervisionView(s.id, s.referralId, s.replyBy, s.replyBy, s.note, s.issuedAt, s.issuedBy, s.unitId,
                u == null ? null : u.name, s.answeredAt, isOverdue(s.answeredAt, s.replyBy), s.overdueAt,
                ref.caseId, ref.communityCode, ref.lineCode, ref.status, null);
    }

    private boolean isOverdue(Instant answeredAt, LocalDate replyBy) {
        return answeredAt == null && clock.today().isAfter(replyBy);
    }

    public List<SupervisionView> ofReferral(Referral r) {
        return Supervision.<Supervision>list("referralId = ?1 order by id", r.id).stream().map(s -> view(s, r)).toList();
    }

    public Document document(Referral r, String issuerCode) {
        HandlingUnit u = r.unitId == null ? null : HandlingUnit.findById(r.unitId);
        UnitView unit = u == null ? null
                : new UnitView(u.id, u.name, u.tier, u.jurisdiction, u.contactName, u.contactPhone, u.contactEmail);
        List<String> repeats = ReferralCase.<ReferralCase>list("referralId = ?1 and repeat = true order by recordedAt", r.id)
                .stream().map(c -> c.caseId).toList();
        CaseSummary summary = new CaseSummary(r.caseId, r.communityCode, r.lineCode, r.address, r.description,
                r.households, r.urgency, r.caseRecordedAt, repeats);
        return new Document(ReferralView.of(r), unit, summary, ofReferral(r), new Issuer(issuerCode), clock.instant());
    }

    public enum State { OPEN, OVERDUE, ALL }

    /**
     * 督办列表 of referrals of cases within {@code scopeCode}, this piece's and (in the district's
     * piece) the delegated pieces' from the read model, {@code pieceId} naming the holder (ADR 0020): unanswered (OPEN), unanswered past
     * their date (OVERDUE), or every notice issued in [from, until) (ALL). Overdue first, then by date.
     */
    @SuppressWarnings("unchecked")
    public List<SupervisionView> list(String scopeCode, State state, Instant from, Instant until) {
        StringBuilder sql = new StringBuilder("""
                select s.id, s.referral_id, s.reply_by, s.note, s.issued_at, s.issued_by, s.unit_id,
                       coalesce(u.name, r.unit_name), s.answered_at, s.overdue_at, r.case_id, r.community_code,
                       r.line_code, r.status, s.piece_id
                  from supervision_overview s join referral_overview r on r.id = s.referral_id
                  left join handling_unit u on u.id = s.unit_id
                 where r.community_code between :lo and :hi""");
        switch (state) {
            case OPEN -> sql.append(" and s.answered_at is null");
            case OVERDUE -> sql.append(" and s.answered_at is null and s.reply_by < :today");
            case ALL -> sql.append(" and s.issued_at >= :from and s.issued_at < :until");
        }
        sql.append(" order by (s.answered_at is null and s.reply_by < :today) desc, s.reply_by, s.id limit ").append(MAX_LIST);
        var q = em.createNativeQuery(sql.toString()).setParameter("lo", Jurisdiction.lowest(scopeCode))
                .setParameter("hi", Jurisdiction.highest(scopeCode)).setParameter("today", clock.today());
        if (state == State.ALL) {
            q.setParameter("from", from).setParameter("until", until);
        }
        List<SupervisionView> out = new ArrayList<>();
        for (Object[] o : (List<Object[]>) q.getResultList()) {
            LocalDate replyBy = Reports.toDate(o[2]);
            Instant answeredAt = Reports.toInstant(o[8]);
            out.add(new SupervisionView(((Number) o[0]).longValue(), (UUID) o[1], replyBy, replyBy, (String) o[3],
                    Reports.toInstant(o[4]), (String) o[5], (UUID) o[6], (String) o[7], answeredAt,
                    isOverdue(answeredAt, replyBy), Reports.toInstant(o[9]), (String) o[10], String.valueOf(o[11]),
                    (String) o[12], ReferralStatus.valueOf((String) o[13]), (String) o[14]));
        }
        return out;
    }
}
