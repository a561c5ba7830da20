package org.minqing.referral.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.minqing.events.intake.Satisfaction;
import org.minqing.events.referral.Route;
import org.minqing.kit.problem.ReportPeriod;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.HandlingUnit;
import org.minqing.referral.ReferralStatus;

/**
 * The numbers units are assessed by (承办单位考核: response, on-time resolution, satisfaction,
 * repeats, overdue list), the open work now (在办工作), and those of a work report (工作汇报) for
 * a period and jurisdiction. Every report filters by period and scope in SQL and aggregates there:
 * a jurisdiction's whole history is never loaded (M1).
 */
@ApplicationScoped
public class Reports {

    /** A report's period is at most this long. */
    public static final int MAX_PERIOD_DAYS = 1096;
    /** At most this many approaching/overdue referrals listed on the open-work board. */
    public static final int MAX_ITEMS = 100;

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    WorkingCalendar calendar;

    @ConfigProperty(name = "minqing.referral.deadline.approaching-working-days", defaultValue = "3")
    int approachingWorkingDays;

    public record Period(LocalDate from, LocalDate to) {
        public Instant start() {
            return from.atStartOfDay(AppClock.ZONE).toInstant();
        }

        public Instant end() {
            return to.plusDays(1).atStartOfDay(AppClock.ZONE).toInstant();
        }
    }

    /** [from, to], defaulting to this month so far; bounded dates (422), to not before from (400), at most 3 years (422). */
    public Period period(LocalDate from, LocalDate to) {
        ReportPeriod p = ReportPeriod.of(from, to, clock.today().withDayOfMonth(1), clock.today(), MAX_PERIOD_DAYS);
        return new Period(p.from(), p.to());
    }

    /** "Overdue": replied late, or still unanswered past the deadline in force. */
    static final String OVERDUE_SQL = "(r.replied_on_time = false or (r.replied_at is null and r.status <> 'CLOSED'"
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
            from referral_overview r
            """.formatted(OVERDUE_SQL);

    // ------------------------------------------------------------------ one unit's record

    public record OverdueItem(UUID referralId, String caseId, ReferralStatus status, LocalDate dueDate, boolean repliedLate) {
    }

    public record UnitReport(UUID unitId, String unitName, LocalDate from, LocalDate to, int referred,
            int acceptedInTime, Double responseRate, int repliedOnTime, Double onTimeResolutionRate, int rated,
            int satisfied, Double satisfactionRate, int withRepeats, Double repeatRate, List<OverdueItem> overdue) {
    }

    /** 承办单位履职记录: referrals handed to the unit in the period; {@code scopeCode} null = all (the unit itself). */
    @SuppressWarnings("unchecked")
    public UnitReport unit(HandlingUnit unit, Period p, String scopeCode) {
        String where = " where r.unit_id = :unit and r.referred_at >= :from and r.referred_at < :until"
                + (scopeCode == null ? "" : " and r.community_code between :lo and :hi");
        LocalDate today = clock.today();
        Object[] c = (Object[]) bind(em.createNativeQuery(UNIT_COUNTS_SQL + where), p, scopeCode)
                .setParameter("unit", unit.id).setParameter("today", today).getSingleResult();
        List<Object[]> late = bind(em.createNativeQuery("select r.id, r.case_id, r.status, r.due_date, r.replied_on_time"
                + " from referral_overview r" + where + " and " + OVERDUE_SQL + " order by r.referred_at, r.id"), p, scopeCode)
                .setParameter("unit", unit.id).setParameter("today", today).getResultList();
        List<OverdueItem> overdue = late.stream().map(o -> new OverdueItem((UUID) o[0], (String) o[1],
                ReferralStatus.valueOf((String) o[2]), toDate(o[3]), Boolean.FALSE.equals(o[4]))).toList();
        int n = i(c[0]);
        return new UnitReport(unit.id, unit.name, p.from, p.to, n, i(c[1]), rate(i(c[1]), n), i(c[2]), rate(i(c[2]), n),
                i(c[3]), i(c[4]), rate(i(c[4]), i(c[3])), i(c[5]), rate(i(c[5]), n), overdue);
    }

    // ------------------------------------------------------------------ the scoreboard

    public record UnitSummary(int rank, UUID unitId, String unitName, String tier, int referred, int acceptedInTime,
            Double responseRate, int repliedOnTime, Double onTimeResolutionRate, int rated, int satisfied,
            Double satisfactionRate, int withRepeats, Double repeatRate, int overdue) {
    }

    public enum Sort { responseRate, onTimeResolutionRate, satisfactionRate, repeatRate, overdue }

    /**
     * 承办单位记分牌: every unit that received referrals from the jurisdiction in the period, one
     * grouped query, ranked: by default least responsive first (the seed's 不回应的单位).
     */
    @SuppressWarnings("unchecked")
    public List<UnitSummary> scoreboard(Period p, String code, Sort sort) {
        // a delegated piece's unit may be unknown here (added there): its name from the read model
        String sql = UNIT_COUNTS_SQL.replace("select count(*),",
                        "select r.unit_id, coalesce(u.name, max(r.unit_name)), u.tier, count(*),")
                .replace("from referral_overview r", "from referral_overview r left join handling_unit u on u.id = r.unit_id")
                + " where r.referred_at >= :from and r.referred_at < :until and r.community_code between :lo and :hi"
                + " and r.unit_id is not null group by r.unit_id, u.name, u.tier";
        List<Object[]> rows = bind(em.createNativeQuery(sql), p, code).setParameter("today", clock.today()).getResultList();
        List<UnitSummary> out = new ArrayList<>();
        for (Object[] r : rows) {
            int n = i(r[3]);
            out.add(new UnitSummary(0, (UUID) r[0], (String) r[1], (String) r[2], n, i(r[4]), rate(i(r[4]), n), i(r[5]),
                    rate(i(r[5]), n), i(r[6]), i(r[7]), rate(i(r[7]), i(r[6])), i(r[8]), rate(i(r[8]), n), i(r[9])));
        }
        Comparator<UnitSummary> order = switch (sort == null ? Sort.responseRate : sort) {
            case responseRate -> Comparator.comparing((UnitSummary u) -> nullLast(u.responseRate(), true))
                    .thenComparing(u -> -u.overdue());
            case onTimeResolutionRate -> Comparator.comparing((UnitSummary u) -> nullLast(u.onTimeResolutionRate(), false));
            case satisfactionRate -> Comparator.comparing((UnitSummary u) -> nullLast(u.satisfactionRate(), false));
            case repeatRate -> Comparator.comparing((UnitSummary u) -> nullLast(u.repeatRate(), false));
            case overdue -> Comparator.comparing((UnitSummary u) -> -u.overdue());
        };
        out.sort(order.thenComparing(UnitSummary::unitName).thenComparing(UnitSummary::unitId));
        List<UnitSummary> ranked = new ArrayList<>();
        for (int k = 0; k < out.size(); k++) {
            UnitSummary u = out.get(k);
            ranked.add(new UnitSummary(k + 1, u.unitId(), u.unitName(), u.tier(), u.referred(), u.acceptedInTime(),
                    u.responseRate(), u.repliedOnTime(), u.onTimeResolutionRate(), u.rated(), u.satisfied(),
                    u.satisfactionRate(), u.withRepeats(), u.repeatRate(), u.overdue()));
        }
        return ranked;
    }

    /** Sort key: ascending (lowest first) or descending (highest first); a unit without the rate last. */
    private static double nullLast(Double rate, boolean ascending) {
        if (rate == null) {
            return Double.MAX_VALUE;
        }
        return ascending ? rate : -rate;
    }

    // ------------------------------------------------------------------ open work

    /** {@code pieceId}: null for this piece's referral, else the delegated piece holding it (ADR 0020). */
    public record OpenItem(UUID referralId, String caseId, ReferralStatus status, String lineCode, String communityCode,
            UUID unitId, String unitName, String deadlineKind, LocalDate dueDate, String state, String watchTier,
            String pieceId) {
    }

    public record OpenWork(String jurisdiction, LocalDate today, int open, Map<String, Integer> byStatus,
            Map<String, Integer> byTier, Map<String, Integer> byWatchTier, int approaching, int overdue, int escalated,
            int supervisionsOpen, int supervisionsOverdue, List<OpenItem> items) {
    }

    /** The deadline in force now, as the deadline scheduler watches it (acknowledge first, then resolve). */
    private static final String DEADLINE_SQL = """
            case when r.status in ('TO_ROUTE', 'RETURNED') then r.acknowledge_by
                 when r.status = 'REFERRED' then least(r.acknowledge_by, r.due_date)
                 when r.status in ('ACCEPTED', 'IN_PROGRESS', 'EXTENDED', 'REOPENED') then r.due_date end""";

    /** 在办工作: open referrals of cases in the jurisdiction by status, unit tier and watching tier; deadlines. */
    @SuppressWarnings("unchecked")
    public OpenWork openWork(String code) {
        LocalDate today = clock.today();
        LocalDate approachBy = calendar.plusWorkingDays(today, approachingWorkingDays);
        String open = " from referral_overview r left join handling_unit u on u.id = r.unit_id"
                + " where r.community_code between :lo and :hi and r.status <> 'CLOSED' and r.merged_into is null";
        List<Object[]> rows = scoped(em.createNativeQuery("select r.status, coalesce(u.tier, 'UNROUTED'), r.watch_tier,"
                + " count(*), count(*) filter (where d.due >= :today and d.due <= :approachBy),"
                + " count(*) filter (where d.due < :today),"
                + " count(*) filter (where r.escalated)"
                + open.replace(" where", " cross join lateral (select " + DEADLINE_SQL + " as due) d where")
                + " group by 1, 2, 3"), code).setParameter("today", today).setParameter("approachBy", approachBy)
                .getResultList();
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (ReferralStatus s : ReferralStatus.values()) {
            if (s.isOpen()) {
                byStatus.put(s.name(), 0);
            }
        }
        Map<String, Integer> byTier = new TreeMap<>();
        Map<String, Integer> byWatch = new TreeMap<>();
        int total = 0;
        int approaching = 0;
        int overdue = 0;
        int escalated = 0;
        for (Object[] o : rows) {
            int n = i(o[3]);
            total += n;
            byStatus.merge((String) o[0], n, Integer::sum);
            byTier.merge((String) o[1], n, Integer::sum);
            byWatch.merge((String) o[2], n, Integer::sum);
            approaching += i(o[4]);
            overdue += i(o[5]);
            escalated += i(o[6]);
        }
        List<Object[]> itemRows = scoped(em.createNativeQuery("select r.id, r.case_id, r.status, r.line_code,"
                + " r.community_code, r.unit_id, coalesce(u.name, r.unit_name),"
                + " case when r.status in ('TO_ROUTE', 'RETURNED') or (r.status = 'REFERRED' and d.due = r.acknowledge_by)"
                + " then 'ACKNOWLEDGE' else r.deadline_kind end, d.due, r.watch_tier, r.piece_id"
                + open.replace(" where", " cross join lateral (select " + DEADLINE_SQL + " as due) d where")
                + " and d.due <= :approachBy order by d.due, r.priority desc, r.id limit " + MAX_ITEMS), code)
                .setParameter("approachBy", approachBy).getResultList();
        List<OpenItem> items = new ArrayList<>();
        for (Object[] o : itemRows) {
            LocalDate due = toDate(o[8]);
            items.add(new OpenItem((UUID) o[0], (String) o[1], ReferralStatus.valueOf((String) o[2]), (String) o[3],
                    String.valueOf(o[4]), (UUID) o[5], (String) o[6], (String) o[7], due,
                    due.isBefore(today) ? "OVERDUE" : "APPROACHING", (String) o[9], (String) o[10]));
        }
        Object[] sup = (Object[]) scoped(em.createNativeQuery("""
                select count(*), count(*) filter (where s.reply_by < :today)
                  from supervision_overview s join referral_overview r on r.id = s.referral_id
                 where r.community_code between :lo and :hi and s.answered_at is null"""), code)
                .setParameter("today", today).getSingleResult();
        return new OpenWork(code, today, total, byStatus, byTier, byWatch, approaching, overdue, escalated, i(sup[0]),
                i(sup[1]), items);
    }

    // ------------------------------------------------------------------ the work report

    public record RouteGroups(int community, int subdistrict, int beyond) {
    }

    public record WorkReport(String jurisdiction, LocalDate from, LocalDate to, int cases, int repeatCases,
            Map<String, Integer> casesByLine, Map<String, Integer> casesByCommunity, Map<String, Integer> casesByPlace,
            int referrals, Map<String, Integer> referredByRoute, RouteGroups routeGroups, int routed, int handled,
            Double handledRate, int handledOnTime, Double onTimeRate, int closed, Double closedRate, int overdue,
            Map<String, Integer> satisfaction, int rated, int satisfied, Double satisfactionRate,
            int referralsWithRepeats, int supervisions) {
    }

    /** 工作汇报: cases by line and place, referrals by route, handled, on time, closed, satisfaction, repeats. */
    @SuppressWarnings("unchecked")
    public WorkReport work(Period p, String code) {
        List<Object[]> caseRows = bind(em.createNativeQuery("""
                select c.line_code, c.community_code,
                       case when c.address is null or c.address ~ '^\\s*$' then '（未填写）' else c.address end,
                       count(*), count(*) filter (where c.repeat)
                from case_overview c
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
        List<Object[]> referralRows = bind(em.createNativeQuery("""
                select r.route, r.satisfaction, count(*),
                       count(*) filter (where r.replied_on_time = true),
                       count(*) filter (where %s),
                       count(*) filter (where r.repeat_count > 0),
                       count(*) filter (where r.replied_at is not null or r.status = 'CLOSED'),
                       count(*) filter (where r.status = 'CLOSED')
                from referral_overview r
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
        int routed = 0;
        int handled = 0;
        int closed = 0;
        int community = 0;
        int subdistrict = 0;
        int beyond = 0;
        for (Object[] r : referralRows) {
            int n = i(r[2]);
            referrals += n;
            if (r[0] != null) {
                byRoute.merge((String) r[0], n, Integer::sum);
                routed += n;
                switch (Route.valueOf((String) r[0])) {
                    case COMMUNITY -> community += n;
                    case SUBDISTRICT_DEPARTMENT -> subdistrict += n;
                    default -> beyond += n;
                }
                handled += i(r[6]);
                closed += i(r[7]);
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
        int supervisions = i(bind(em.createNativeQuery("""
                select count(*) from supervision_overview s join referral_overview r on r.id = s.referral_id
                 where r.community_code between :lo and :hi and s.issued_at >= :from and s.issued_at < :until"""), p, code)
                .getSingleResult());
        return new WorkReport(code, p.from, p.to, cases, repeatCases, byLine, byCommunity, byPlace, referrals, byRoute,
                new RouteGroups(community, subdistrict, beyond), routed, handled, rate(handled, routed), onTime,
                rate(onTime, handled), closed, rate(closed, routed), overdue, satisfaction, rated, satisfied,
                rate(satisfied, rated), withRepeats, supervisions);
    }

    // ------------------------------------------------------------------ helpers

    /** Binds the period (as instants in Asia/Shanghai) and, if given, the scope as a code range (L9). */
    static Query bind(Query q, Period p, String scopeCode) {
        q.setParameter("from", p.start()).setParameter("until", p.end());
        return scopeCode == null ? q : scoped(q, scopeCode);
    }

    static Query scoped(Query q, String scopeCode) {
        return q.setParameter("lo", Jurisdiction.lowest(scopeCode)).setParameter("hi", Jurisdiction.highest(scopeCode));
    }

    static int i(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    static LocalDate toDate(Object o) {
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

    static Instant toInstant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant in) {
            return in;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + o.getClass());
    }

    public static Double rate(int part, int whole) {
        return whole == 0 ? null : Math.round(10000.0 * part / whole) / 10000.0;
    }
}
