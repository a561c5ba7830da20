package org.minqing.referral.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.intake.FeedbackGiven;
import org.minqing.events.intake.Satisfaction;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.ProgressRecorded;
import org.minqing.events.referral.ReferralAccepted;
import org.minqing.events.referral.ReferralClosed;
import org.minqing.events.referral.ReferralEscalated;
import org.minqing.events.referral.ReferralExtended;
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

/**
 * The referral workflow (转办、督办、答复、告知) once a referral exists: each step checks the state
 * machine, moves the referral, writes the timeline and publishes its event through the outbox in the
 * same transaction ({@link #transition}). How a recorded case becomes a referral or a repeat is
 * {@link IncomingCases}.
 */
@ApplicationScoped
public class ReferralService {

    private static final Logger LOG = Logger.getLogger(ReferralService.class);

    @Inject
    AppClock clock;

    @Inject
    DeadlinePolicies policies;

    @Inject
    WorkingCalendar calendar;

    @Inject
    IncomingCases incoming;

    @Inject
    ReferralRecorder recorder;

    @Inject
    EntityManager em;

    public record RouteCommand(Route route, UUID unitId, String representativeId, boolean difficult, String note) {
    }

    // ---------------------------------------------------------------- the resident's verdict

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
        String note = cmd.route() + " → " + unit.name + (cmd.note() == null ? "" : "；" + cmd.note());
        return transition(r, Action.ROUTE, ReferralStatus.REFERRED, actor, note, x -> {
            LocalDate today = clock.today();
            x.route = cmd.route();
            x.unitId = unit.id;
            x.representativeId = isRepresentativeRoute(cmd.route()) ? cmd.representativeId() : null;
            x.difficult = cmd.difficult();
            x.referredAt = clock.instant();
            x.returnBy = policies.due("RETURN", cmd.route(), today);
            x.dueDate = policies.resolveDue(cmd.route(), cmd.difficult(), today);
            x.deadlineKind = isSuggestion(cmd.route()) ? DeadlineKind.ANSWER_SUGGESTION : DeadlineKind.RESOLVE;
            x.extendedDays = null;
            if (cmd.route() == Route.COMMUNITY && x.watchTier == Tier.SUBDISTRICT && !x.reviewRequested) {
                x.watchTier = Tier.COMMUNITY;
                x.watchJurisdiction = x.communityCode;
            }
        }, EventType.REFERRAL_REFERRED, x -> new ReferralReferred(id(x), x.caseId, cmd.route(),
                unit.id.toString(), unit.name, x.representativeId, x.dueDate, x.difficult));
    }

    @Transactional
    public Referral informResident(Referral r, String note, Actor actor) {
        return transition(r, Action.INFORM_RESIDENT, ReferralStatus.RESIDENT_INFORMED, actor, note,
                x -> x.informedAt = clock.instant(),
                EventType.REFERRAL_RESIDENT_INFORMED, x -> new ResidentInformed(id(x), x.caseId, x.informedAt));
    }

    @Transactional
    public Referral close(Referral r, String outcome, Actor actor) {
        return transition(r, Action.CLOSE, ReferralStatus.CLOSED, actor, outcome, x -> {
            x.closedAt = clock.instant();
            x.outcome = outcome;
            answerSupervisions(x);
        }, EventType.REFERRAL_CLOSED, x -> new ReferralClosed(id(x), x.caseId, outcome, x.satisfaction));
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
        LocalDate respondBy = replyBy == null ? policies.due("SUPERVISION", r.route, clock.today()) : checkReplyBy(replyBy);
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

    /**
     * A 督办单's reply-by date: a working day from today, within {@link #MAX_SUPERVISION_DAYS} (422
     * naming {@code replyBy} otherwise). Also checked by the district's piece before it asks the
     * owning piece for one (the district's working calendar is the same data).
     */
    public LocalDate checkReplyBy(LocalDate replyBy) {
        LocalDate today = clock.today();
        if (replyBy.isBefore(today) || replyBy.isAfter(today.plusDays(MAX_SUPERVISION_DAYS))) {
            throw Bounds.outOfRange("replyBy", "回复期限须在今天到 " + MAX_SUPERVISION_DAYS + " 日之后之间",
                    "the reply-by date must be from today to " + MAX_SUPERVISION_DAYS + " days ahead");
        }
        if (!calendar.isWorkingDay(replyBy)) {
            throw ProblemException.unprocessable("not-a-working-day", "replyBy",
                    "回复期限须为工作日（" + calendar.rollForward(replyBy) + " 为其后第一个工作日）",
                    "the reply-by date must be a working day (next: " + calendar.rollForward(replyBy) + ")");
        }
        return replyBy;
    }

    /**
     * Issue 14 (ADR 0020): the district's piece asked for a 督办单 on a referral this piece holds;
     * issued here as a local one (so the unit is told through supervision-issued, as always). A
     * request that no longer fits (the referral closed meanwhile, the date passed) is not a poison
     * message: it is noted in the timeline and the log, and the district sees no 督办单 appear.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void supervisionRequested(EventEnvelope env, org.minqing.events.referral.SupervisionRequested p) {
        Referral r = Referral.findById(UUID.fromString(p.referralId()));
        if (r == null) {
            LOG.warnf("督办 request %s for referral %s, which this piece does not hold", env.eventId(), p.referralId());
            return;
        }
        LocalDate today = clock.today();
        LocalDate replyBy = p.replyBy();
        String refused = !r.status.isOpen() ? "已办结 / closed"
                : replyBy != null && (replyBy.isBefore(today) || replyBy.isAfter(today.plusDays(MAX_SUPERVISION_DAYS))
                        || !calendar.isWorkingDay(replyBy)) ? "回复期限不可用 / reply-by date no longer valid" : null;
        if (refused != null) {
            LOG.warnf("督办 request %s for referral %s not applied: %s", env.eventId(), r.id, refused);
            timeline(r, env.actor(), "SUPERVISE_REFUSED", r.status, r.status,
                    "上级督办请求未能执行：" + refused + "（" + p.note() + "）");
            return;
        }
        supervise(r, p.note(), replyBy, env.actor());
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
        return incoming.open(rc.caseId, rc.communityCode, rc.lineCode, rc.address, rc.description, rc.households,
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
        return transition(r, Action.ACCEPT, ReferralStatus.ACCEPTED, actor, note, x -> {
            x.acceptedAt = clock.instant();
            if (!isSuggestion(x.route)) {
                // Art. 34: 60 days run from acceptance; a suggestion's months run from assignment.
                x.dueDate = policies.resolveDue(x.route, x.difficult, clock.today());
            }
        }, EventType.REFERRAL_ACCEPTED, x -> new ReferralAccepted(id(x), x.caseId, x.unitId.toString(), x.dueDate));
    }

    @Transactional
    public Referral giveBack(Referral r, String reason, Actor actor) {
        require(r, Action.RETURN);
        if (clock.today().isAfter(r.returnBy)) {
            throw ProblemException.conflict("return-window-passed",
                    "退回期限（" + r.returnBy + "）已过，请受理后办理", "the return window ended on " + r.returnBy);
        }
        String unitId = r.unitId.toString();
        return transition(r, Action.RETURN, ReferralStatus.RETURNED, actor, reason, x -> {
            x.unitId = null;
            x.route = null;
            x.representativeId = null;
            x.dueDate = null;
            x.deadlineKind = null;
            x.returnBy = null;
            if (x.watchTier == Tier.COMMUNITY) {
                x.watchTier = Tier.SUBDISTRICT;
                x.watchJurisdiction = x.subdistrictCode;
            }
        }, EventType.REFERRAL_RETURNED, x -> new ReferralReturned(id(x), x.caseId, unitId, reason));
    }

    @Transactional
    public Referral progress(Referral r, String note, Actor actor) {
        return transition(r, Action.PROGRESS, ReferralStatus.IN_PROGRESS, actor, note, this::answerSupervisions,
                EventType.REFERRAL_PROGRESS_RECORDED, x -> new ProgressRecorded(id(x), x.caseId, x.unitId.toString(), note));
    }

    @Transactional
    public Referral reply(Referral r, String reply, Actor actor) {
        return transition(r, Action.REPLY, ReferralStatus.REPLIED, actor, reply, x -> {
            x.repliedAt = clock.instant();
            x.reply = reply;
            x.repliedOnTime = x.dueDate == null || !clock.today().isAfter(x.dueDate);
            answerSupervisions(x);
        }, EventType.REFERRAL_REPLIED,
                x -> new ReferralReplied(id(x), x.caseId, x.unitId.toString(), reply, x.repliedAt, x.repliedOnTime));
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
        return transition(r, Action.EXTEND, ReferralStatus.EXTENDED, actor, days + " 日：" + reason, x -> {
            x.extendedDays = days;
            x.dueDate = calendar.plusCalendarDays(x.dueDate, days);
        }, EventType.REFERRAL_EXTENDED, x -> new ReferralExtended(id(x), x.caseId, days, reason, x.dueDate));
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

    private void timeline(Referral r, Actor actor, String action, ReferralStatus from, ReferralStatus to, String reason) {
        recorder.timeline(r, actor, action, from, to, reason);
    }

    private void emit(EventType type, Referral r, Actor actor, Object payload) {
        recorder.emit(type, r, actor, payload);
    }

    /**
     * One step of the workflow: the state must allow {@code action}; {@code change} moves the
     * referral (its status already set to {@code to}); the timeline says what happened and the
     * event, built from the moved referral, goes out through the outbox in the same transaction.
     */
    private Referral transition(Referral r, Action action, ReferralStatus to, Actor actor, String note,
            Consumer<Referral> change, EventType type, Function<Referral, Object> event) {
        require(r, action);
        ReferralStatus from = r.status;
        r.status = to;
        change.accept(r);
        timeline(r, actor, action.name(), from, to, note);
        emit(type, r, actor, event.apply(r));
        return r;
    }

    private static String id(Referral r) {
        return r.id.toString();
    }
}
