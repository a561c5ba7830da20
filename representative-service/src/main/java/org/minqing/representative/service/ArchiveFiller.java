package org.minqing.representative.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.minqing.events.EventEnvelope;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.IntakeChannel;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.events.referral.Route;
import org.minqing.kit.time.AppClock;
import org.minqing.representative.DutyRecord;
import org.minqing.representative.DutyType;
import org.minqing.representative.ReceptionDay;
import org.minqing.representative.Representative;

/**
 * Fills the duty archive (履职档案) from other services' events: a reception record per
 * representative per reception day (linking every case they received that day), and a suggestion
 * record per referral on a representative-led route whose status follows the referral.
 */
@ApplicationScoped
public class ArchiveFiller {

    private static final Logger LOG = Logger.getLogger(ArchiveFiller.class);
    static final Set<Route> SUGGESTION_ROUTES = EnumSet.of(Route.REPRESENTATIVE_CONTACT,
            Route.INTER_SESSION_SUGGESTION, Route.SESSION_SUGGESTION);

    @Inject
    ReceptionDayService receptionDays;

    @Transactional(Transactional.TxType.MANDATORY)
    public void caseRecorded(EventEnvelope env, CaseRecorded c) {
        if (c.channel() != IntakeChannel.RECEPTION_DAY) {
            return;
        }
        // Locked like the REST writes, so attendance from a case and from staff never both create the record.
        ReceptionDay day = uuid(c.receptionDayId()) == null ? null
                : ReceptionDay.findById(uuid(c.receptionDayId()), LockModeType.PESSIMISTIC_WRITE);
        for (String repIdText : c.receivingRepresentativeIds()) {
            UUID repId = uuid(repIdText);
            if (repId == null || Representative.findById(repId) == null) {
                LOG.warnf("case %s names unknown representative %s; not archived", c.caseId(), repIdText);
                continue;
            }
            DutyRecord rec;
            if (day != null) {
                rec = receptionDays.markAttended(day, repId);
            } else {
                // A reception day this service does not know (e.g. held before it went live): one record per date and community.
                LocalDate date = c.recordedAt().atZone(AppClock.ZONE).toLocalDate();
                rec = DutyRecord.find("representativeId = ?1 and type = ?2 and date = ?3 and communityCode = ?4 and receptionDayId is null",
                        repId, DutyType.RECEPTION, date, c.communityCode()).firstResult();
                if (rec == null) {
                    rec = new DutyRecord();
                    rec.id = UUID.randomUUID();
                    rec.representativeId = repId;
                    rec.type = DutyType.RECEPTION;
                    rec.date = date;
                    rec.notes = "民情接访日接待来访";
                    rec.source = DutyRecord.EVENT;
                    rec.communityCode = c.communityCode();
                    rec.createdAt = Instant.now();
                    rec.updatedAt = rec.createdAt;
                    rec.persist();
                }
            }
            rec.caseIds.add(c.caseId());
            rec.updatedAt = Instant.now();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void referred(EventEnvelope env, ReferralReferred r) {
        if (!SUGGESTION_ROUTES.contains(r.route()) || r.representativeId() == null) {
            return;
        }
        UUID repId = uuid(r.representativeId());
        if (repId == null || Representative.findById(repId) == null) {
            LOG.warnf("referral %s names unknown representative %s; not archived", r.referralId(), r.representativeId());
            return;
        }
        DutyRecord rec = suggestion(r.referralId());
        if (rec == null) {
            rec = new DutyRecord();
            rec.id = UUID.randomUUID();
            rec.representativeId = repId;
            rec.type = DutyType.SUGGESTION;
            rec.date = env.occurredAt().atZone(AppClock.ZONE).toLocalDate();
            rec.source = DutyRecord.EVENT;
            rec.communityCode = env.jurisdiction();
            rec.referralId = r.referralId();
            rec.createdAt = Instant.now();
            rec.updatedAt = rec.createdAt;
            rec.persist();
        }
        rec.route = r.route().name();
        rec.unitName = r.unitName();
        rec.dueDate = r.dueDate();
        rec.notes = routeLabel(r.route()) + "，承办单位：" + r.unitName();
        if (!rec.answered) {
            rec.suggestionStatus = "REFERRED";
        }
        rec.caseIds.add(r.caseId());
        rec.updatedAt = Instant.now();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void replied(ReferralReplied r) {
        DutyRecord rec = suggestion(r.referralId());
        if (rec == null) {
            return;
        }
        rec.answered = true;
        rec.answeredOnTime = r.onTime();
        rec.suggestionStatus = "ANSWERED";
        rec.updatedAt = Instant.now();
    }

    /** Other referral events move the suggestion's handling status (accepted, returned, overdue, closed…). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void status(String referralId, String status) {
        DutyRecord rec = suggestion(referralId);
        if (rec == null) {
            return;
        }
        // Once answered, only closing or reopening changes what the archive shows.
        if (rec.answered && !("CLOSED".equals(status) || "REOPENED".equals(status))) {
            return;
        }
        rec.suggestionStatus = status;
        rec.updatedAt = Instant.now();
    }

    private static DutyRecord suggestion(String referralId) {
        return DutyRecord.find("referralId = ?1 and type = ?2", referralId, DutyType.SUGGESTION).firstResult();
    }

    static String routeLabel(Route route) {
        return switch (route) {
            case REPRESENTATIVE_CONTACT -> "代表直接联系承办单位";
            case INTER_SESSION_SUGGESTION -> "闭会期间代表意见建议";
            case SESSION_SUGGESTION -> "人代会建议";
            default -> route.name();
        };
    }

    private static UUID uuid(String s) {
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
