package org.minqing.representative.service;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.minqing.events.representative.RepresentativeKind;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;
import org.minqing.representative.mapping.Labels;
import org.minqing.representative.mapping.Views.AttendanceCounts;
import org.minqing.representative.mapping.Views.CommunityCounts;
import org.minqing.representative.mapping.Views.KindAttendance;
import org.minqing.representative.mapping.Views.ReceptionCounts;
import org.minqing.representative.mapping.Views.ReceptionDayCounts;
import org.minqing.representative.mapping.Views.RouteCount;
import org.minqing.representative.mapping.Views.SuggestionCounts;
import org.minqing.representative.mapping.Views.WorkReport;

/**
 * The work report's (工作汇报) numbers this service owns, for a period and a jurisdiction: reception
 * days held and cancelled, representatives attending by kind and their absences, cases the
 * representatives received, suggestions raised. Every number is counted by PostgreSQL; nothing is
 * loaded row by row. Visitors, households and referrals belong to intake- and referral-service.
 */
@ApplicationScoped
public class WorkReportService {

    /** A day counts as held once it is over: an earlier date, or today after its end time. */
    private static final String HELD = "(d.status = 'SCHEDULED' and (d.day < :today or (d.day = :today and d.end_time <= :now)))";
    private static final String DAYS_IN_SCOPE = "d.community_code between :lo and :hi and d.day between :from and :to";

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    public WorkReport report(String scope, LocalDate from, LocalDate to) {
        Params p = new Params(Jurisdiction.lowest(scope), Jurisdiction.highest(scope), from, to, clock.today(),
                clock.now().toLocalTime());

        Object[] days = (Object[]) p.bind(em.createNativeQuery("select count(*) filter (where " + HELD + "), "
                + "count(*) filter (where d.status = 'SCHEDULED' and not " + HELD + "), "
                + "count(*) filter (where d.status = 'CANCELLED'), "
                + "count(distinct d.community_code) filter (where " + HELD + ") "
                + "from reception_day d where " + DAYS_IN_SCOPE), true).getSingleResult();

        Map<RepresentativeKind, KindAttendance> byKind = new EnumMap<>(RepresentativeKind.class);
        for (Object o : p.bind(em.createNativeQuery("""
                select r.kind, count(*) filter (where s.status <> 'DECLINED'), count(*) filter (where s.attended),
                       count(*) filter (where s.absent), count(*) filter (where s.status = 'DECLINED'),
                       count(distinct s.representative_id) filter (where s.attended)
                from roster_slot s join reception_day d on d.id = s.reception_day_id
                     join representative r on r.id = s.representative_id
                where %s and %s group by r.kind""".formatted(DAYS_IN_SCOPE, HELD)), true).getResultList()) {
            Object[] row = (Object[]) o;
            RepresentativeKind kind = RepresentativeKind.valueOf((String) row[0]);
            byKind.put(kind, new KindAttendance(kind, Labels.kindShort(kind), n(row[1]), n(row[2]), n(row[3]),
                    n(row[4]), n(row[5])));
        }
        List<KindAttendance> kinds = new ArrayList<>();
        long[] sum = new long[5];
        for (RepresentativeKind k : RepresentativeKind.values()) {
            KindAttendance a = byKind.getOrDefault(k, new KindAttendance(k, Labels.kindShort(k), 0, 0, 0, 0, 0));
            kinds.add(a);
            sum[0] += a.rostered();
            sum[1] += a.attended();
            sum[2] += a.absent();
            sum[3] += a.declined();
            sum[4] += a.representatives(); // a representative has one kind, so the kinds' counts add up
        }
        KindAttendance total = new KindAttendance(null, "合计", sum[0], sum[1], sum[2], sum[3], sum[4]);

        Object[] receptions = (Object[]) p.bind(em.createNativeQuery("""
                select count(distinct r.id), count(distinct c.case_id)
                from duty_record r left join duty_record_case c on c.duty_record_id = r.id
                where r.type = 'RECEPTION' and r.community_code between :lo and :hi and r.day between :from and :to"""),
                false).getSingleResult();

        Map<String, long[]> routes = new java.util.HashMap<>();
        for (Object o : p.bind(em.createNativeQuery("""
                select r.route, count(*), count(*) filter (where r.answered),
                       count(*) filter (where r.answered and r.answered_on_time)
                from duty_record r
                where r.type = 'SUGGESTION' and r.community_code between :lo and :hi and r.day between :from and :to
                group by r.route"""), false).getResultList()) {
            Object[] row = (Object[]) o;
            routes.put((String) row[0], new long[] { n(row[1]), n(row[2]), n(row[3]) });
        }
        long raised = 0;
        long answered = 0;
        long onTime = 0;
        for (long[] v : routes.values()) {
            raised += v[0];
            answered += v[1];
            onTime += v[2];
        }
        List<RouteCount> byRoute = ArchiveFiller.SUGGESTION_ROUTES.stream().sorted()
                .map(r -> new RouteCount(r.name(), routes.getOrDefault(r.name(), new long[3])[0])).toList();

        List<CommunityCounts> communities = new ArrayList<>();
        for (Object o : p.bind(em.createNativeQuery("""
                with days as (
                    select d.community_code, count(*) filter (where %2$s) held,
                           count(*) filter (where d.status = 'CANCELLED') cancelled
                    from reception_day d where %1$s group by d.community_code),
                slots as (
                    select d.community_code, count(*) filter (where s.attended) attended,
                           count(*) filter (where s.absent) absent
                    from roster_slot s join reception_day d on d.id = s.reception_day_id
                    where %1$s and %2$s group by d.community_code),
                cases as (
                    select r.community_code, count(distinct c.case_id) received
                    from duty_record r join duty_record_case c on c.duty_record_id = r.id
                    where r.type = 'RECEPTION' and r.community_code between :lo and :hi and r.day between :from and :to
                    group by r.community_code),
                codes as (select community_code from days union select community_code from cases)
                select k.community_code, coalesce(days.held, 0), coalesce(days.cancelled, 0),
                       coalesce(slots.attended, 0), coalesce(slots.absent, 0), coalesce(cases.received, 0)
                from codes k left join days on days.community_code = k.community_code
                     left join slots on slots.community_code = k.community_code
                     left join cases on cases.community_code = k.community_code
                order by k.community_code""".formatted(DAYS_IN_SCOPE, HELD)), true).getResultList()) {
            Object[] row = (Object[]) o;
            communities.add(new CommunityCounts((String) row[0], n(row[1]), n(row[2]), n(row[3]), n(row[4]), n(row[5])));
        }

        return new WorkReport(scope, from, to, clock.instant(),
                new ReceptionDayCounts(n(days[0]), n(days[1]), n(days[2]), n(days[3])),
                new AttendanceCounts(kinds, total), new ReceptionCounts(n(receptions[0]), n(receptions[1])),
                new SuggestionCounts(raised, answered, onTime, byRoute), communities);
    }

    private static long n(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    private record Params(String lo, String hi, LocalDate from, LocalDate to, LocalDate today, LocalTime now) {
        Query bind(Query q, boolean withClock) {
            q.setParameter("lo", lo).setParameter("hi", hi).setParameter("from", from).setParameter("to", to);
            if (withClock) {
                q.setParameter("today", today).setParameter("now", now);
            }
            return q;
        }
    }
}
