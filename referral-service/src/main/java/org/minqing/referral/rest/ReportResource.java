package org.minqing.referral.rest;

import java.time.LocalDate;
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
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.HandlingUnit;
import org.minqing.referral.Referral;
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

    @Inject
    jakarta.persistence.EntityManager em;

    /**
     * "Overdue": replied late, or still unanswered past the deadline in force (as {@link #isOverdue}).
     * Every report below filters by period and scope in SQL and aggregates there: a jurisdiction's
     * whole history is never loaded (M1).
     */
    private static final String OVERDUE_SQL = "(r.replied_on_time = false or (r.replied_at is null and r.status <> 'CLOSED'"
            + " and r.due_date is not null and r.due_date < :today))";

    private static final String UNIT_COUNTS_SQL = """
            select count(*),
                   count(*) filter (where r.accepted_at is not null
                                     and cast(r.accepted_at at time zone 'Asia/Shanghai' as date) <= r.acknowledge_by),
                   count(*) filter (where r.replied_on_time = true),
                   count(*) filter (where r.satisfaction is not null),
                   count(*) filter (where r.satisfaction is not null and r.satisfaction <> 'UNSATISFIED'),
                   count(*) filter (where r.repeat_count > 0),
                   count(*) filter (where %s)
            from referral r
            """.formatted(OVERDUE_SQL);

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
        boolean unitOnly = access.isUnitOnly();
        String where = " where r.unit_id = :unit and r.referred_at >= :from and r.referred_at < :until"
                + (unitOnly ? "" : " and r.community_code between :lo and :hi");
        LocalDate today = clock.today();
        Object[] c = (Object[]) bind(em.createNativeQuery(UNIT_COUNTS_SQL + where), p, unitOnly ? null : scopeCode())
                .setParameter("unit", unitId).setParameter("today", today).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> late = bind(em.createNativeQuery("select r.id, r.case_id, r.status, r.due_date, r.replied_on_time"
                + " from referral r" + where + " and " + OVERDUE_SQL + " order by r.referred_at, r.id"), p,
                unitOnly ? null : scopeCode())
                .setParameter("unit", unitId).setParameter("today", today).getResultList();
        List<OverdueItem> overdue = late.stream().map(o -> new OverdueItem((UUID) o[0], (String) o[1],
                ReferralStatus.valueOf((String) o[2]), toDate(o[3]), Boolean.FALSE.equals(o[4]))).toList();
        int n = i(c[0]);
        int acceptedInTime = i(c[1]);
        int onTime = i(c[2]);
        int rated = i(c[3]);
        int satisfied = i(c[4]);
        int repeats = i(c[5]);
        return new UnitReport(unitId, unit.name, p.from, p.to, n, acceptedInTime, rate(acceptedInTime, n), onTime,
                rate(onTime, n), rated, satisfied, rate(satisfied, rated), repeats, rate(repeats, n), overdue);
    }

    public record UnitSummary(UUID unitId, String unitName, String tier, int referred, Double responseRate,
            Double onTimeResolutionRate, Double satisfactionRate, Double repeatRate, int overdue) {
    }

    /**
     * Every unit that received referrals from the caller's jurisdiction in the period, least
     * responsive first: the seed's "units that do not respond" (不回应的单位). One grouped query.
     */
    @GET
    @Path("/units")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.SERVICE })
    @Transactional
    public List<UnitSummary> units(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) {
        Period p = period(from, to);
        String sql = UNIT_COUNTS_SQL.replace("select count(*),", "select r.unit_id, u.name, u.tier, count(*),")
                .replace("from referral r", "from referral r join handling_unit u on u.id = r.unit_id")
                + " where r.referred_at >= :from and r.referred_at < :until and r.community_code between :lo and :hi"
                + " group by r.unit_id, u.name, u.tier";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(em.createNativeQuery(sql), p, scopeCode()).setParameter("today", clock.today())
                .getResultList();
        List<UnitSummary> out = new ArrayList<>();
        for (Object[] r : rows) {
            int n = i(r[3]);
            out.add(new UnitSummary((UUID) r[0], (String) r[1], (String) r[2], n, rate(i(r[4]), n), rate(i(r[5]), n),
                    rate(i(r[7]), i(r[6])), rate(i(r[8]), n), i(r[9])));
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
        @SuppressWarnings("unchecked")
        List<Object[]> caseRows = bind(em.createNativeQuery("""
                select c.line_code, c.community_code,
                       case when c.address is null or c.address ~ '^\\s*$' then '（未填写）' else c.address end,
                       count(*), count(*) filter (where c.repeat)
                from referral_case c
                where c.community_code between :lo and :hi and c.recorded_at >= :from and c.recorded_at < :until
                group by 1, 2, 3"""), p, code).getResultList();
        Map<String, Integer> byLine = new TreeMap<>();
        Map<String, Integer> byCommunity = new TreeMap<>();
        Map<String, Integer> byPlace = new TreeMap<>();
        int cases = 0;
        int repeatCases = 0;
        for (Object[] c : caseRows) {
            int n = i(c[3]);
            byLine.merge((String) c[0], n, Integer::sum);
            byCommunity.merge(String.valueOf(c[1]), n, Integer::sum);
            byPlace.merge((String) c[2], n, Integer::sum);
            cases += n;
            repeatCases += i(c[4]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> referralRows = bind(em.createNativeQuery("""
                select r.route, r.satisfaction, count(*),
                       count(*) filter (where r.replied_on_time = true),
                       count(*) filter (where %s),
                       count(*) filter (where r.repeat_count > 0)
                from referral r
                where r.community_code between :lo and :hi and r.merged_into is null
                  and r.opened_at >= :from and r.opened_at < :until
                group by 1, 2""".formatted(OVERDUE_SQL)), p, code).setParameter("today", clock.today()).getResultList();
        Map<String, Integer> byRoute = new TreeMap<>();
        Map<String, Integer> satisfaction = new TreeMap<>();
        int referrals = 0;
        int onTime = 0;
        int overdue = 0;
        int withRepeats = 0;
        int rated = 0;
        int satisfied = 0;
        for (Object[] r : referralRows) {
            int n = i(r[2]);
            referrals += n;
            if (r[0] != null) {
                byRoute.merge((String) r[0], n, Integer::sum);
            }
            if (r[1] != null) {
                satisfaction.merge((String) r[1], n, Integer::sum);
                rated += n;
                if (!Satisfaction.UNSATISFIED.name().equals(r[1])) {
                    satisfied += n;
                }
            }
            onTime += i(r[3]);
            overdue += i(r[4]);
            withRepeats += i(r[5]);
        }
        return new WorkReport(code, p.from, p.to, cases, repeatCases, byLine, byCommunity, byPlace, referrals,
                byRoute, onTime, overdue, satisfaction, rate(satisfied, rated), withRepeats);
    }

    /** Overdue: replied late, or still unanswered past the deadline in force. */
    static boolean isOverdue(Referral r, LocalDate today) {
        if (Boolean.FALSE.equals(r.repliedOnTime)) {
            return true;
        }
        return r.repliedAt == null && r.status.isOpen() && r.dueDate != null && today.isAfter(r.dueDate);
    }

    /** The caller's own code, failing closed (403) without a jurisdiction claim. */
    private String scopeCode() {
        scope.likePrefix();
        return scope.jurisdiction().orElseThrow();
    }

    /** Binds the period (as instants in Asia/Shanghai) and, if given, the scope as a code range (L9). */
    private static jakarta.persistence.Query bind(jakarta.persistence.Query q, Period p, String scopeCode) {
        q.setParameter("from", p.from.atStartOfDay(AppClock.ZONE).toInstant())
                .setParameter("until", p.to.plusDays(1).atStartOfDay(AppClock.ZONE).toInstant());
        if (scopeCode != null) {
            q.setParameter("lo", Jurisdiction.lowest(scopeCode)).setParameter("hi", Jurisdiction.highest(scopeCode));
        }
        return q;
    }

    private static int i(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    private static LocalDate toDate(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate ld) {
            return ld;
        }
        if (o instanceof java.sql.Date sd) {
            return sd.toLocalDate();
        }
        return LocalDate.parse(o.toString());
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : Math.round(10000.0 * part / whole) / 10000.0;
    }

    private record Period(LocalDate from, LocalDate to) {
    }

    private Period period(LocalDate from, LocalDate to) {
        LocalDate f = from != null ? from : clock.today().withDayOfMonth(1);
        LocalDate t = to != null ? to : clock.today();
        Bounds.check().date("from", from).date("to", to).throwIfAny();
        if (t.isBefore(f)) {
            throw ProblemException.validation("to", "结束日期早于开始日期", "to is before from");
        }
        return new Period(f, t);
    }
}
