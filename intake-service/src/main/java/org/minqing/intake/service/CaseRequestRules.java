package org.minqing.intake.service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.minqing.events.intake.IntakeChannel;
import org.minqing.intake.ReceptionDay;
import org.minqing.intake.mapping.CaseRequest;

import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;

/**
 * What a case's recording must satisfy before anything is written (登记规则): the community and line
 * are in the catalogue, the date is neither in the future nor too far back, the channel fits the
 * caller's role, the community lies in the caller's scope, and a reception-day case names its day
 * and representatives on that day's roster. Every field error is named; the first failing rule of
 * scope or role answers alone.
 */
@ApplicationScoped
public class CaseRequestRules {

    /** What the checks settled: the day received and who received the visit. */
    public record Accepted(LocalDate receivedOn, List<String> receivingRepresentatives) {
    }

    @Inject
    AppClock clock;

    @Inject
    Catalogue catalogue;

    /** How far back a paper record may be entered. */
    @ConfigProperty(name = "minqing.intake.max-backdate-days", defaultValue = "30")
    int maxBackdateDays;

    public Accepted check(CaseRequest req, CallerScope scope, boolean viaOpen311) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Catalogue.Community community = catalogue.community(req.communityCode()).orElse(null);
        if (community == null) {
            errors.add(Problem.FieldError.of("communityCode", "不是本平台服务的社区", "is not a community served here"));
        }
        Catalogue.Line line = catalogue.line(req.lineCode()).orElse(null);
        if (line == null) {
            errors.add(Problem.FieldError.of("lineCode", "不在条线目录中", "is not in the line catalogue"));
        }
        if ((req.latitude() == null) != (req.longitude() == null)) {
            errors.add(Problem.FieldError.of(req.latitude() == null ? "latitude" : "longitude",
                    "经纬度须同时提供", "latitude and longitude go together"));
        }
        LocalDate today = clock.today();
        LocalDate receivedOn = req.receivedOn() == null ? today : req.receivedOn();
        // A well-formed date outside its range is a 422 (H3); a malformed one never gets here (400).
        List<Problem.FieldError> outOfRange = new ArrayList<>();
        if (receivedOn.isAfter(today)) {
            outOfRange.add(Problem.FieldError.of("receivedOn", "不能是将来的日期", "must not be in the future"));
        } else if (receivedOn.isBefore(today.minusDays(maxBackdateDays))) {
            outOfRange.add(Problem.FieldError.of("receivedOn", "不能早于 " + maxBackdateDays + " 天前",
                    "must not be more than " + maxBackdateDays + " days ago"));
        }
        if (req.channel() != IntakeChannel.RECEPTION_DAY && req.receptionDayId() != null) {
            errors.add(Problem.FieldError.of("receptionDayId", "仅接访日渠道可填写", "only for the RECEPTION_DAY channel"));
        }
        if (req.channel() == IntakeChannel.RECEPTION_DAY && req.receptionDayId() == null) {
            errors.add(Problem.FieldError.of("receptionDayId", "接访日渠道必填", "is required for the RECEPTION_DAY channel"));
        }
        Bounds.refuseIfAny(errors, outOfRange);
        scope.requireWithin(req.communityCode(), "communityCode");
        if (!line.active()) {
            // Issue 14: a deactivated line keeps its cases but takes no new ones.
            throw ProblemException.unprocessable("line-deactivated", "lineCode",
                    "该条线已停用，不再受理新的诉求", "this line is deactivated and takes no new cases");
        }
        if (!community.active()) {
            // Issue 14: a deactivated community keeps its cases but takes no new ones.
            throw ProblemException.unprocessable("community-deactivated", "communityCode",
                    "该社区已停用，不再受理新的诉求", "this community is deactivated and takes no new cases");
        }
        requireChannelAllowed(req.channel(), scope, viaOpen311);

        List<String> reps = req.receivingRepresentativeIds() == null ? new ArrayList<>()
                : new ArrayList<>(req.receivingRepresentativeIds().stream().distinct().toList());
        if (reps.isEmpty() && scope.hasRole(Roles.REPRESENTATIVE) && scope.representativeId().isPresent()
                && (req.channel() == IntakeChannel.RECEPTION_DAY || req.channel() == IntakeChannel.REPRESENTATIVE_VISIT)) {
            reps.add(scope.representativeId().get());
        }
        if (reps.isEmpty() && (req.channel() == IntakeChannel.RECEPTION_DAY || req.channel() == IntakeChannel.REPRESENTATIVE_VISIT)) {
            throw ProblemException.validation("receivingRepresentativeIds", "须填写接待的代表", "name the representatives who received the visit");
        }
        if (req.channel() == IntakeChannel.RECEPTION_DAY) {
            checkReceptionDay(req, receivedOn, reps);
        }

        return new Accepted(receivedOn, reps);
    }

    private void requireChannelAllowed(IntakeChannel channel, CallerScope scope, boolean viaOpen311) {
        boolean ok;
        if (channel == IntakeChannel.OPEN311) {
            ok = viaOpen311;
        } else if (viaOpen311) {
            ok = false;
        } else if (scope.hasAnyRole(Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF)) {
            ok = true;
        } else if (scope.hasRole(Roles.REPRESENTATIVE)) {
            ok = channel == IntakeChannel.RECEPTION_DAY || channel == IntakeChannel.REPRESENTATIVE_VISIT;
        } else if (scope.hasRole(Roles.LIAISON_OFFICER)) {
            ok = channel == IntakeChannel.LIAISON_OFFICER;
        } else {
            ok = false;
        }
        if (!ok) {
            throw ProblemException.unprocessable("channel-not-allowed", "channel",
                    "您的角色不能通过该渠道登记", "your role may not record cases through this channel");
        }
    }

    private void checkReceptionDay(CaseRequest req, LocalDate receivedOn, List<String> reps) {
        ReceptionDay day = ReceptionDay.findById(req.receptionDayId());
        if (day == null || !day.communityCode.equals(req.communityCode())) {
            throw ProblemException.unprocessable("unknown-reception-day", "receptionDayId",
                    "本社区没有这个接访日", "no such reception day for this community");
        }
        if (day.cancelled) {
            throw ProblemException.unprocessable("reception-day-cancelled", "receptionDayId",
                    "该接访日已取消", "this reception day was cancelled");
        }
        if (!day.day.equals(receivedOn)) {
            throw ProblemException.unprocessable("not-the-reception-day", "receivedOn",
                    "接访日是 " + day.day + "，与接待日期不符", "the reception day is " + day.day + ", not " + receivedOn);
        }
        List<String> roster = day.rosterIds();
        for (String rep : reps) {
            if (!roster.contains(rep)) {
                throw ProblemException.unprocessable("not-on-roster", "receivingRepresentativeIds",
                        "代表 " + rep + " 不在该接访日的名单上", "representative " + rep + " is not on this reception day's roster");
            }
        }
    }
}
