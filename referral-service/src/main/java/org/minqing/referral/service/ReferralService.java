package org.minqing.referral.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.events.intake.Satisfaction;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.ProgressRecorded;
import org.minqing.events.referral.ReferralAccepted;
import org.minqing.events.referral.ReferralClosed;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralExtended;
import org.minqing.events.referral.ReferralOpened;
import org.minqing.events.referral.ReferralReferred;
import org.minqing.events.referral.ReferralReopened;
import org.minqing.events.referral.ReferralReplied;
import org.minqing.events.referral.ReferralReturned;
import org.minqing.events.referral.RepeatLinked;
import org.minqing.events.referral.ResidentInformed;
import org.minqing.events.referral.ReviewRequested;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.SupervisionIssued;
import org.minqing.events.referral.Tier;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.HandlingUnit;
import org.minqing.referral.HandlingUnit.UnitTier;
import org.minqing.referral.Referral;
import org.minqing.referral.ReferralCase;
import org.minqing.referral.ReferralStatus;
import org.minqing.referral.ReferralStatus.Action;
import org.minqing.referral.Supervision;
import org.minqing.referral.TimelineEntry;

/**
 * The referral workflow (转办、督办、答复、告知): every change checks the state machine, writes the
 * timeline and publishes its event through the outbox in the same transaction.
 */
@ApplicationScoped
public class ReferralService {

    private static final Logger LOG = Logger.getLogger(ReferralService.class);

    @Inject
    Outbox outbox;

    @Inject
    AppClock clock;

    @Inject
    DeadlinePolicies policies;

    @Inject
    WorkingCalendar calendar;

    @Inject
    RepeatMatcher matcher;

    /** The opening case plus this many minus one of the latest repeats stand for an open referral. */
    static final int REPEAT_CANDIDATES_PER_REFERRAL = 6;

    @Inject
    EntityManager em;

    public record RouteCommand(Route route, UUID unitId, String representativeId, boolean difficult, String note) {
    }

    // ---------------------------------------------------------------- events from intake

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

    /** The visitor's rating: satisfied closes, unsatisfied reopens once, then goes to district review. */
    @Transactional
    public void feedbackGiven(EventEnvelope env, FeedbackGiven f) {
        ReferralCase rc = ReferralCase.findById(f.caseId());
        if (rc == null) {
            LOG.infof("feedback for unknown case %s ignored", f.caseId());
            return;
        }
        Referral r = Referral.findById(rc.referralId);
        while (r.mergedInto != null) {
            r = Referral.findById(r.mergedInto);
        }
        Actor actor = env.actor();
        String comment = f.comment() == null ? "" : "：" + f.comment();
        boolean rated = r.status == ReferralStatus.REPLIED || r.status == ReferralStatus.RESIDENT_INFORMED
                || r.status == ReferralStatus.CLOSED;
        if (!rated) {
            timeline(r, actor, "FEEDBACK", r.status, r.status, f.rating() + comment);
            return;
        }
        r.satisfaction = f.rating();
        ReferralStatus from = r.status;
        if (f.rating() != Satisfaction.UNSATISFIED) {
            timeline(r, actor, "FEEDBACK", from, ReferralStatus.CLOSED, f.rating() + comment);
            if (from != ReferralStatus.CLOSED) {
                r.status = ReferralStatus.CLOSED;
                r.closedAt = clock.instant();
                r.outcome = "来访人评价：" + f.rating();
                emit(EventType.REFERRAL_CLOSED, r, actor,
                        new ReferralClosed(id(r), r.caseId, r.outcome, f.rating()));
            }
            return;
        }
        LocalDate today = clock.today();
        r.status = ReferralStatus.REOPENED;
        r.closedAt = null;
        r.dueDate = policies.due("REOPEN", r.route, today);
        r.deadlineKind = DeadlineKind.RESOLVE;
        r.reopenCount++;
        String reason = "来访人不满意 / resident unsatisfied" + comment;
        if (r.reopenCount == 1) {
            timeline(r, actor, "REOPEN", from, r.status, reason);
            emit(EventType.REFERRAL_REOPENED, r, actor, new ReferralReopened(id(r), r.caseId, reason, r.dueDate));
        } else {
            r.reviewRequested = true;
            Tier fromTier = r.watchTier;
            r.watchTier = Tier.DISTRICT;
            r.watchJurisdiction = Jurisdiction.at(r.communityCode, Jurisdiction.Tier.DISTRICT);
            timeline(r, actor, "REVIEW_REQUESTED", from, r.status, "再次不满意，提交区级复查 / unsatisfied again, district review" + comment);
            emit(EventType.REFERRAL_REVIEW_REQUESTED, r, actor, new ReviewRequested(id(r), r.caseId, reason));
            if (fromTier != Tier.DISTRICT) {
                emit(EventType.REFERRAL_ESCALATED, r, actor, new ReferralEscalated(id(r), r.caseId, fromTier, Tier.DISTRICT,
                        r.watchJurisdiction, "再次不满意，区级复查 / district review after a second unsatisfied rating"));
            }
        }
    }

    // ---------------------------------------------------------------- staff

    @Transactional
    public Referral route(Referral r, RouteCommand cmd, Actor actor) {
        require(r, Action.ROUTE);
        HandlingUnit unit = cmd.unitId() == null ? null : HandlingUnit.findById(cmd.unitId());
        if (unit == null || !unit.active) {
            throw ProblemException.unprocessable("unknown-unit", "unitId",
                    "承办单位不存在或已停用", "no active handling unit with this id");
        }
        checkRouteAllowed(r, cmd, unit);
        LocalDate today = clock.today();
        ReferralStatus from = r.status;
        r.route = cmd.route();
        r.unitId = unit.id;
        r.representativeId = isRepresentativeRoute(cmd.route()) ? cmd.representativeId() : null;
        r.difficult = cmd.difficult();
        r.status = ReferralStatus.REFERRED;
        r.referredAt = clock.instant();
        r.returnBy = policies.due("RETURN", cmd.route(), today);
        r.dueDate = policies.resolveDue(cmd.route(), cmd.difficult(), today);
        r.deadlineKind = isSuggestion(cmd.route()) ? DeadlineKind.ANSWER_SUGGESTION : DeadlineKind.RESOLVE;
        r.extendedDays = null;
        if (cmd.route() == Route.COMMUNITY && r.watchTier == Tier.SUBDISTRICT && !r.reviewRequested) {
            r.watchTier = Tier.COMMUNITY;
            r.watchJurisdiction = r.communityCode;
        }
        timeline(r, actor, "ROUTE", from, r.status, cmd.route() + " → " + unit.name
                + (cmd.note() == null ? "" : "；" + cmd.note()));
        emit(EventType.REFERRAL_REFERRED, r, actor, new ReferralReferred(id(r), r.caseId, cmd.route(),
                unit.id.toString(), unit.name, r.representativeId, r.dueDate, r.difficult));
        return r;
    }

    @Transactional
    public Referral informResident(Referral r, String note, Actor actor) {
        require(r, Action.INFORM_RESIDENT);
        ReferralStatus from = r.status;
        r.status = ReferralStatus.RESIDENT_INFORMED;
        r.informedAt = clock.instant();
        timeline(r, actor, "INFORM_RESIDENT", from, r.status, note);
        emit(EventType.REFERRAL_RESIDENT_INFORMED, r, actor, new ResidentInformed(id(r), r.caseId, r.informedAt));
        return r;
    }

    @Transactional
    public Referral close(Referral r, String outcome, Actor actor) {
        require(r, Action.CLOSE);
        ReferralStatus from = r.status;
        r.status = ReferralStatus.CLOSED;
        r.closedAt = clock.instant();
        r.outcome = outcome;
        timeline(r, actor, "CLOSE", from, r.status, outcome);
        answerSupervisions(r);
        emit(EventType.REFERRAL_CLOSED, r, actor, new ReferralClosed(id(r), r.caseId, outcome, r.satisfaction));
        return r;
    }

    /** A supervision notice may ask for a reply at most this many days ahead. */
    public static final int MAX_SUPERVISION_DAYS = 60;

    /**
     * 督办单: a supervision notice to the unit now holding the referral (or, unrouted, pressing the
     * routing staff), with the date it must reply by: the one given (a working day, today or
     * later, within {@link #MAX_SUPERVISION_DAYS}) or the SUPERVISION policy's. Stored, so the
     * deadline scheduler can watch it; the unit is told through the event.
     */
    @Transactional
    public Supervision supervise(Referral r, String note, LocalDate replyBy, Actor actor) {
        if (!r.status.isOpen()) {
            throw ProblemException.conflict("not-supervisable",
                    "已办结的件不能督办", "a closed referral cannot be supervised");
        }
        LocalDate today = clock.today();
        LocalDate respondBy;
        if (replyBy == null) {
            respondBy = policies.due("SUPERVISION", r.route, today);
        } else {
            if (replyBy.isBefore(today) || replyBy.isAfter(today.plusDays(MAX_SUPERVISION_DAYS))) {
                throw Bounds.outOfRange("replyBy", "回复期限须在今天到 " + MAX_SUPERVISION_DAYS + " 日之后之间",
                        "the reply-by date must be from today to " + MAX_SUPERVISION_DAYS + " days ahead");
            }
            if (!calendar.isWorkingDay(replyBy)) {
                throw ProblemException.unprocessable("not-a-working-day", "replyBy",
                        "回复期限须为工作日（" + calendar.rollForward(replyBy) + " 为其后第一个工作日）",
                        "the reply-by date must be a working day (next: " + calendar.rollForward(replyBy) + ")");
            }
            respondBy = replyBy;
        }
        Supervision s = new Supervision();
        s.referralId = r.id;
        s.unitId = r.unitId;
        s.note = note;
        s.replyBy = respondBy;
        s.issuedAt = clock.instant();
        s.issuedBy = actor.subject();
        s.persist();
        r.priority++;
        timeline(r, actor, "SUPERVISE", r.status, r.status, note + "（" + respondBy + "前回复）");
        emit(EventType.REFERRAL_SUPERVISION_ISSUED, r, actor,
                new SupervisionIssued(id(r), r.caseId, note, respondBy, actor.subject()));
        return s;
    }

    /** The unit acted (progress, reply) or the referral closed: its open supervision notices are answered. */
    void answerSupervisions(Referral r) {
        em.createQuery("update Supervision s set s.answeredAt = :now where s.referralId = :r and s.answeredAt is null")
                .setParameter("now", clock.instant()).setParameter("r", r.id).executeUpdate();
    }

    /** Undoes a wrong repeat link: the case gets its own referral in the queue. */
    @Transactional
    public Referral unlink(Referral r, String caseId, Actor actor) {
        ReferralCase rc = ReferralCase.findById(caseId);
        if (rc == null || !rc.referralId.equals(r.id) || !rc.repeat) {
            throw ProblemException.unprocessable("not-a-repeat", "caseId",
                    "该案件不是此转办件的重复信访", "this case is not a repeat linked to this referral");
        }
        rc.delete();
        em.flush();
        r.repeatCount = Math.max(0, r.repeatCount - 1);
        timeline(r, actor, "UNLINK_REPEAT", r.status, r.status, "解除重复关联 / unlinked case " + caseId);
        return open(rc.caseId, rc.communityCode, rc.lineCode, rc.address, rc.description, rc.households,
                rc.urgency, rc.recordedAt, actor, "由 " + r.id + " 拆分 / split from " + r.id);
    }

    /** Merges {@code other} into {@code target}: its cases become repeats, it closes. */
    @Transactional
    public Referral merge(Referral target, Referral other, Actor actor) {
        if (target.id.equals(other.id) || !target.status.isOpen() || !other.status.isOpen()) {
            throw ProblemException.unprocessable("not-mergeable", "referralId",
                    "只能合并两个不同的未办结转办件", "only two different, unclosed referrals can be merged");
        }
        List<ReferralCase> cases = ReferralCase.list("referralId", other.id);
        for (ReferralCase rc : cases) {
            rc.referralId = target.id;
            rc.repeat = true;
            rc.linkedAt = clock.instant();
            target.repeatCount++;
            target.priority++;
            emit(EventType.REFERRAL_REPEAT_LINKED, target, actor,
                    new RepeatLinked(id(target), target.caseId, rc.caseId, target.repeatCount, target.priority));
        }
        ReferralStatus from = other.status;
        other.status = ReferralStatus.CLOSED;
        other.closedAt = clock.instant();
        other.mergedInto = target.id;
        other.outcome = "并入 " + target.id + " / merged into " + target.id;
        timeline(target, actor, "MERGE", target.status, target.status, "并入 / merged " + other.id);
        timeline(other, actor, "MERGED", from, other.status, other.outcome);
        emit(EventType.REFERRAL_CLOSED, other, actor, new ReferralClosed(id(other), other.caseId, other.outcome, null));
        return target;
    }

    // ---------------------------------------------------------------- handling unit

    @Transactional
    public Referral accept(Referral r, String note, Actor actor) {
        require(r, Action.ACCEPT);
        ReferralStatus from = r.status;
        LocalDate today = clock.today();
        r.status = ReferralStatus.ACCEPTED;
        r.acceptedAt = clock.instant();
        if (!isSuggestion(r.route)) {
            // Art. 34: 60 days run from acceptance; a suggestion's months run from assignment.
            r.dueDate = policies.resolveDue(r.route, r.difficult, today);
        }
        timeline(r, actor, "ACCEPT", from, r.status, note);
        emit(EventType.REFERRAL_ACCEPTED, r, actor, new ReferralAccepted(id(r), r.caseId, r.unitId.toString(), r.dueDate));
        return r;
    }

    @Transactional
    public Referral giveBack(Referral r, String reason, Actor actor) {
        require(r, Action.RETURN);
        if (clock.today().isAfter(r.returnBy)) {
            throw ProblemException.conflict("return-window-passed",
                    "退回期限（" + r.returnBy + "）已过，请受理后办理", "the return window ended on " + r.returnBy);
        }
        ReferralStatus from = r.status;
        String unitId = r.unitId.toString();
        r.status = ReferralStatus.RETURNED;
        r.unitId = null;
        r.route = null;
        r.representativeId = null;
        r.dueDate = null;
        r.deadlineKind = null;
        r.returnBy = null;
        if (r.watchTier == Tier.COMMUNITY) {
            r.watchTier = Tier.SUBDISTRICT;
            r.watchJurisdiction = r.subdistrictCode;
        }
        timeline(r, actor, "RETURN", from, r.status, reason);
        emit(EventType.REFERRAL_RETURNED, r, actor, new ReferralReturned(id(r), r.caseId, unitId, reason));
        return r;
    }

    @Transactional
    public Referral progress(Referral r, String note, Actor actor) {
        require(r, Action.PROGRESS);
        ReferralStatus from = r.status;
        r.status = ReferralStatus.IN_PROGRESS;
        timeline(r, actor, "PROGRESS", from, r.status, note);
        answerSupervisions(r);
        emit(EventType.REFERRAL_PROGRESS_RECORDED, r, actor, new ProgressRecorded(id(r), r.caseId, r.unitId.toString(), note));
        return r;
    }

    @Transactional
    public Referral reply(Referral r, String reply, Actor actor) {
        require(r, Action.REPLY);
        ReferralStatus from = r.status;
        r.status = ReferralStatus.REPLIED;
        r.repliedAt = clock.instant();
        r.reply = reply;
        r.repliedOnTime = r.dueDate == null || !clock.today().isAfter(r.dueDate);
        timeline(r, actor, "REPLY", from, r.status, reply);
        answerSupervisions(r);
        emit(EventType.REFERRAL_REPLIED, r, actor,
                new ReferralReplied(id(r), r.caseId, r.unitId.toString(), reply, r.repliedAt, r.repliedOnTime));
        return r;
    }

    /** 延期: once, by at most the policy's EXTENSION_MAX days, with a reason the resident is told. */
    @Transactional
    public Referral extend(Referral r, int days, String reason, Actor actor) {
        require(r, Action.EXTEND);
        if (r.extendedDays != null) {
            throw ProblemException.conflict("already-extended", "办理期限只能延长一次，已于此前延长 " + r.extendedDays + " 日",
                    "the deadline can be extended only once; it was already extended by " + r.extendedDays + " days",
                    List.of(Problem.FieldError.of("days", "已延期过一次", "already extended once")));
        }
        DeadlinePolicies.Policy max = policies.policy("EXTENSION_MAX", r.route);
        if (days < 1 || days > max.amount()) {
            throw ProblemException.unprocessable("extension-too-long", "days",
                    "延期天数须在 1 至 " + max.amount() + " 日之间", "an extension must be 1 to " + max.amount() + " days");
        }
        ReferralStatus from = r.status;
        r.status = ReferralStatus.EXTENDED;
        r.extendedDays = days;
        r.dueDate = calendar.plusCalendarDays(r.dueDate, days);
        timeline(r, actor, "EXTEND", from, r.status, days + " 日：" + reason);
        emit(EventType.REFERRAL_EXTENDED, r, actor, new ReferralExtended(id(r), r.caseId, days, reason, r.dueDate));
        return r;
    }

    // ---------------------------------------------------------------- helpers

    public static boolean isRepresentativeRoute(Route route) {
        return route == Route.REPRESENTATIVE_CONTACT || route == Route.INTER_SESSION_SUGGESTION
                || route == Route.SESSION_SUGGESTION;
    }

    public static boolean isSuggestion(Route route) {
        return route == Route.INTER_SESSION_SUGGESTION || route == Route.SESSION_SUGGESTION;
    }

    private void checkRouteAllowed(Referral r, RouteCommand cmd, HandlingUnit unit) {
        Route route = cmd.route();
        if (unit.tier == UnitTier.CITY && !isRepresentativeRoute(route)) {
            throw ProblemException.unprocessable("route-not-allowed", "route",
                    "市级单位只能通过代表直接联系、闭会期间建议或人代会建议转办",
                    "city-level units are reached only through the representative contact or suggestion routes");
        }
        boolean fits = switch (route) {
            case COMMUNITY -> unit.tier == UnitTier.COMMUNITY && r.communityCode.equals(unit.jurisdiction);
            case SUBDISTRICT_DEPARTMENT -> unit.tier == UnitTier.SUBDISTRICT && r.subdistrictCode.equals(unit.jurisdiction);
            case REPRESENTATIVE_CONTACT, INTER_SESSION_SUGGESTION, SESSION_SUGGESTION ->
                    unit.tier == UnitTier.DISTRICT || unit.tier == UnitTier.CITY;
        };
        if (!fits) {
            throw ProblemException.unprocessable("route-not-allowed", "route",
                    "转办途径 " + route + " 与承办单位（" + unit.tier + "，" + unit.jurisdiction + "）的层级或辖区不符",
                    "route " + route + " does not fit a " + unit.tier + " unit at " + unit.jurisdiction);
        }
        if (!unit.handlesLine(r.lineCode)) {
            throw ProblemException.unprocessable("unit-line-mismatch", "unitId",
                    "该承办单位不负责 " + r.lineCode + " 条线", "this unit does not handle line " + r.lineCode);
        }
        if (isRepresentativeRoute(route) && (cmd.representativeId() == null || cmd.representativeId().isBlank())) {
            throw ProblemException.validation("representativeId", "该转办途径须指明代表", "this route needs the representative");
        }
    }

    public void require(Referral r, Action action) {
        if (!r.status.allows(action)) {
            List<Problem.FieldError> allowed = new ArrayList<>();
            for (Action a : r.status.allowedActions()) {
                allowed.add(Problem.FieldError.of("allowed", a.name(), a.name()));
            }
            throw ProblemException.conflict("illegal-transition",
                    "当前状态 " + r.status + " 不允许 " + action + "，允许：" + r.status.allowedActions(),
                    "status " + r.status + " does not allow " + action + "; allowed: " + r.status.allowedActions(),
                    allowed);
        }
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

    private Referral open(String caseId, String community, String line, String address, String description,
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

    public void timeline(Referral r, Actor actor, String action, ReferralStatus from, ReferralStatus to, String reason) {
        TimelineEntry t = new TimelineEntry();
        t.referralId = r.id;
        t.at = clock.instant();
        t.actor = actor.subject();
        t.actorRole = actor.role();
        t.action = action;
        t.fromStatus = from == null ? null : from.name();
        t.toStatus = to == null ? null : to.name();
        t.reason = reason;
        t.persist();
    }

    public void emit(EventType type, Referral r, Actor actor, Object payload) {
        outbox.publish(type.topic().topic(), EventEnvelope.of(type, r.communityCode, id(r), r.caseId, actor, payload));
    }

    private static String id(Referral r) {
        return r.id.toString();
    }
}
