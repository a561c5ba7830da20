package org.minqing.referral.rest;

import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.minqing.events.intake.Satisfaction;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.HandlingUnit;
import org.minqing.referral.Referral;
import org.minqing.referral.ReferralCase;
import org.minqing.referral.ReferralStatus;

/**
 * The numbers units are assessed by (承办单位考核: response, on-time resolution, satisfaction,
 * repeats, overdue list) and those of a work report (工作报告) for a period and jurisdiction.
 * Both only count what the caller may see.
 */
@Path("/reports")
public class ReportResource {

    @Inject
    CallerScope scope;

    @Inject
    ReferralAccess access;

    @Inject
    AppClock clock;

    public record OverdueItem(UUID referralId, String caseId, ReferralStatus status, LocalDate dueDate, boolean repliedLate) {
    }

    public record UnitReport(UUID unitId, String unitName, LocalDate from, LocalDate to, int referred,
            int acceptedInTime, Double responseRate, int repliedOnTime, Double onTimeResolutionRate, int rated,
            int satisfied, Double satisfactionRate, int withRepeats, Double repeatRate, List<OverdueItem> overdue) {
    }

    public record WorkReport(String jurisdiction, LocalDate from, LocalDate to, int cases, int repeatCases,
            Map<String, Integer> casesByLine, Map<String, Integer> casesByCommunity, Map<String, Integer> casesByPlace,
            int referrals, Map<String, Integer> referredByRoute, int handledOnTime, int overdue,
            Map<String, Integer> satisfaction, Double satisfactionRate, int referralsWithRepeats) {
    }

    /** 承办单位履职记录: referrals handed to the unit in [from, to]. */
    @GET
    @Path("/units/{unitId}")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.SERVICE })
    @Transactional
    public UnitReport unit(@PathParam("unitId") UUID unitId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        Period p = period(from, to);
        HandlingUnit unit = HandlingUnit.findById(unitId);
        boolean ownUnit = scope.unitId().map(u -> u.equals(unitId.toString())).orElse(false);
        if (unit == null || access.isUnitOnly() && !ownUnit) {
            throw ProblemException.notFound("承办单位 / handling unit");
        }
        List<Referral> rs = access.isUnitOnly()
                ? Referral.list("unitId", unitId)
                : Referral.list("unitId = ?1 and communityCode like ?2", unitId, scope.likePrefix());
        rs = rs.stream().filter(r -> p.contains(r.referredAt)).toList();
        LocalDate today = clock.today();
        int acceptedInTime = 0;
        int onTime = 0;
        int rated = 0;
        int satisfied = 0;
        int repeats = 0;
        List<OverdueItem> overdue = new ArrayList<>();
        for (Referral r : rs) {
            if (r.acceptedAt != null && !LocalDate.ofInstant(r.acceptedAt, AppClock.ZONE).isAfter(r.acknowledgeBy)) {
                acceptedInTime++;
            }
            if (Boolean.TRUE.equals(r.repliedOnTime)) {
                onTime++;
            }
            if (r.satisfaction != null) {
                rated++;
                if (r.satisfaction != Satisfaction.UNSATISFIED) {
                    satisfied++;
                }
            }
            if (r.repeatCount > 0) {
                repeats++;
            }
            if (isOverdue(r, today)) {
                overdue.add(new OverdueItem(r.id, r.caseId, r.status, r.dueDate, Boolean.FALSE.equals(r.repliedOnTime)));
            }
        }
        int n = rs.size();
        return new UnitReport(unitId, unit.name, p.from, p.to, n, acceptedInTime, rate(acceptedInTime, n), onTime,
                rate(onTime, n), rated, satisfied, rate(satisfied, rated), repeats, rate(repeats, n), overdue);
    }

    public record UnitSummary(UUID unitId, String unitName, String tier, int referred, Double responseRate,
            Double onTimeResolutionRate, Double satisfactionRate, Double repeatRate, int overdue) {
    }

    /**
     * Every unit that received referrals from the caller's jurisdiction in the period, least
     * responsive first: the seed's "units that do not respond" (不回应的单位).
     */
    @GET
    @Path("/units")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.SERVICE })
    @Transactional
    public List<UnitSummary> units(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        Period p = period(from, to);
        List<UUID> unitIds = Referral.<Referral>list("unitId is not null and communityCode like ?1", scope.likePrefix())
                .stream().filter(r -> p.contains(r.referredAt)).map(r -> r.unitId).distinct().toList();
        List<UnitSummary> out = new ArrayList<>();
        for (UUID id : unitIds) {
            UnitReport u = unit(id, p.from, p.to);
            HandlingUnit hu = HandlingUnit.findById(id);
            out.add(new UnitSummary(id, u.unitName(), hu.tier.name(), u.referred(), u.responseRate(),
                    u.onTimeResolutionRate(), u.satisfactionRate(), u.repeatRate(), u.overdue().size()));
        }
        out.sort(java.util.Comparator.comparing((UnitSummary u) -> u.responseRate() == null ? 1.0 : u.responseRate())
                .thenComparing(u -> -u.overdue()));
        return out;
    }

    /** 工作报告: cases by line and place, referrals by route, on time, overdue, satisfaction, repeats. */
    @GET
    @Path("/work")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.SERVICE })
    @Transactional
    public WorkReport work(@QueryParam("jurisdiction") String jurisdiction, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        Period p = period(from, to);
        String code = jurisdiction != null ? jurisdiction
                : scope.jurisdiction().orElseThrow(() -> ProblemException.forbidden("令牌中缺少辖区代码", "the token carries no jurisdiction"));
        if (!Jurisdiction.isValid(code)) {
            throw ProblemException.validation("jurisdiction", "须为12位区划代码", "must be a 12-digit division code");
        }
        scope.requireWithin(code, "jurisdiction");
        String like = Jurisdiction.prefix(code) + "%";
        List<ReferralCase> cases = ReferralCase.<ReferralCase>list("communityCode like ?1", like).stream()
                .filter(c -> p.contains(c.recordedAt)).toList();
        Map<String, Integer> byLine = new TreeMap<>();
        Map<String, Integer> byCommunity = new TreeMap<>();
        Map<String, Integer> byPlace = new TreeMap<>();
        int repeatCases = 0;
        for (ReferralCase c : cases) {
            byLine.merge(c.lineCode, 1, Integer::sum);
            byCommunity.merge(c.communityCode, 1, Integer::sum);
            byPlace.merge(c.address == null || c.address.isBlank() ? "（未填写）" : c.address, 1, Integer::sum);
            if (c.repeat) {
                repeatCases++;
            }
        }
        List<Referral> rs = Referral.<Referral>list("communityCode like ?1 and mergedInto is null", like).stream()
                .filter(r -> p.contains(r.openedAt)).toList();
        LocalDate today = clock.today();
        Map<String, Integer> byRoute = new TreeMap<>();
        Map<String, Integer> satisfaction = new TreeMap<>();
        int onTime = 0;
        int overdue = 0;
        int withRepeats = 0;
        int rated = 0;
        int satisfied = 0;
        for (Referral r : rs) {
            if (r.route != null) {
                byRoute.merge(r.route.name(), 1, Integer::sum);
            }
            if (Boolean.TRUE.equals(r.repliedOnTime)) {
                onTime++;
            }
            if (isOverdue(r, today)) {
                overdue++;
            }
            if (r.repeatCount > 0) {
                withRepeats++;
            }
            if (r.satisfaction != null) {
                satisfaction.merge(r.satisfaction.name(), 1, Integer::sum);
                rated++;
                if (r.satisfaction != Satisfaction.UNSATISFIED) {
                    satisfied++;
                }
            }
        }
        return new WorkReport(code, p.from, p.to, cases.size(), repeatCases, byLine, byCommunity, byPlace, rs.size(),
                byRoute, onTime, overdue, satisfaction, rate(satisfied, rated), withRepeats);
    }

    /** Overdue: replied late, or still unanswered past the deadline in force. */
    static boolean isOverdue(Referral r, LocalDate today) {
        if (Boolean.FALSE.equals(r.repliedOnTime)) {
            return true;
        }
        return r.repliedAt == null && r.status.isOpen() && r.dueDate != null && today.isAfter(r.dueDate);
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : Math.round(10000.0 * part / whole) / 10000.0;
    }

    private record Period(LocalDate from, LocalDate to) {
        boolean contains(Instant at) {
            if (at == null) {
                return false;
            }
            LocalDate d = LocalDate.ofInstant(at, AppClock.ZONE);
            return !d.isBefore(from) && !d.isAfter(to);
        }
    }

    private Period period(LocalDate from, LocalDate to) {
        LocalDate f = from != null ? from : clock.today().withDayOfMonth(1);
        LocalDate t = to != null ? to : clock.today();
        if (t.isBefore(f)) {
            throw ProblemException.validation("to", "结束日期早于开始日期", "to is before from");
        }
        return new Period(f, t);
    }
}
