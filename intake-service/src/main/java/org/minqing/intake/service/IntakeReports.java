package org.minqing.intake.service;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
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

import org.minqing.kit.problem.ReportPeriod;
import org.minqing.kit.jdbc.SqlValues;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.time.AppClock;

/**
 * Intake's numbers for the dashboards (热点问题) and the work report (工作汇报): cases, visitors,
 * households and persons received, group petitions, channels, lines, communities, repeats. Cases
 * count by the day they were received ({@code received_on}); every figure is a SQL aggregate over
 * the period and the jurisdiction (M1), no case is loaded.
 */
@ApplicationScoped
public class IntakeReports {

    /** A report's period is at most this long (and the trend at most 37 months). */
    public static final int MAX_PERIOD_DAYS = 1096;
    /** Repeat petitions ranked on the dashboard. */
    public static final int TOP_REPEATS = 20;

    @Inject
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    Catalogue catalogue;

    public record Period(LocalDate from, LocalDate to) {
    }

    public record Count(String code, String name, int count) {
    }

    public record Trend(String code, String name, List<Integer> counts) {
    }

    public record RepeatItem(UUID caseId, String lineCode, String lineName, String communityCode, String communityName,
            int repeatCount, String status, LocalDate receivedOn, String excerpt) {
    }

    public record HotIssues(String jurisdiction, LocalDate from, LocalDate to, int total, List<Count> byLine,
            List<Count> byCommunity, List<String> months, List<Trend> trend, List<RepeatItem> repeats) {
    }

    public record WorkReport(String jurisdiction, LocalDate from, LocalDate to, int cases, int visitors, int households,
            int persons, int groupPetitions, int groupPetitionPersons, int anonymousCases, int repeatCases,
            int receptionDayCases, int receptionDaysWithCases, Map<String, Integer> byChannel, List<Count> byLine,
            List<Count> byCommunity) {
    }

    /**
     * Parses and bounds the period: malformed dates 400, out of range or {@code to} before
     * {@code from} or longer than {@value #MAX_PERIOD_DAYS} days 422, each naming its field.
     * Defaults: {@code to} today, {@code from} the given default.
     */
    public Period period(String from, String to, LocalDate defaultFrom) {
        ReportPeriod p = ReportPeriod.of(parse("from", from), parse("to", to), defaultFrom, clock.today(), MAX_PERIOD_DAYS);
        return new Period(p.from(), p.to());
    }

    public LocalDate monthStart() {
        return clock.today().withDayOfMonth(1);
    }

    /** First day of the month eleven months back: a year of months, this one included. */
    public LocalDate yearOfMonthsStart() {
        return clock.today().withDayOfMonth(1).minusMonths(11);
    }

    private static final String SCOPE_AND_PERIOD = " from intake_case c where c.community_code between :lo and :hi"
            + " and c.received_on >= :from and c.received_on <= :to";

    /** 热点问题: by line, by community, month by month per line, and the repeat petitions ranked. */
    @SuppressWarnings("unchecked")
    public HotIssues hotIssues(String code, Period p) {
        List<Object[]> rows = bind(em.createNativeQuery("select c.line_code, c.community_code,"
                + " to_char(c.received_on, 'YYYY-MM'), count(*)" + SCOPE_AND_PERIOD + " group by 1, 2, 3"), code, p)
                .getResultList();
        List<String> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(p.from()); !m.isAfter(YearMonth.from(p.to())); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        Map<String, Integer> byLine = new TreeMap<>();
        Map<String, Integer> byCommunity = new TreeMap<>();
        Map<String, int[]> trend = new TreeMap<>();
        int total = 0;
        for (Object[] r : rows) {
            String line = (String) r[0];
            int n = ((Number) r[3]).intValue();
            total += n;
            byLine.merge(line, n, Integer::sum);
            byCommunity.merge(String.valueOf(r[1]), n, Integer::sum);
            int month = months.indexOf((String) r[2]);
            if (month >= 0) {
                trend.computeIfAbsent(line, k -> new int[months.size()])[month] += n;
            }
        }
        List<Trend> trends = new ArrayList<>();
        trend.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, int[]> e) -> -byLine.get(e.getKey()))
                .thenComparing(Map.Entry::getKey))
                .forEach(e -> trends.add(new Trend(e.getKey(), lineName(e.getKey()),
                        java.util.Arrays.stream(e.getValue()).boxed().toList())));
        List<Object[]> repeatRows = bind(em.createNativeQuery("select c.id, c.line_code, c.community_code, c.repeat_count,"
                + " c.status, c.received_on, left(c.description, 60)" + SCOPE_AND_PERIOD
                + " and c.repeat_count > 0 order by c.repeat_count desc, c.received_on desc, c.id limit " + TOP_REPEATS),
                code, p).getResultList();
        List<RepeatItem> repeats = new ArrayList<>();
        for (Object[] r : repeatRows) {
            String community = String.valueOf(r[2]);
            repeats.add(new RepeatItem((UUID) r[0], (String) r[1], lineName((String) r[1]), community,
                    communityName(community), ((Number) r[3]).intValue(), (String) r[4], SqlValues.localDate(r[5]),
                    (String) r[6]));
        }
        return new HotIssues(code, p.from(), p.to(), total, lines(byLine), communities(byCommunity), months, trends,
                repeats);
    }

    /** 工作汇报 (intake's part): what was received in the period within the jurisdiction. */
    @SuppressWarnings("unchecked")
    public WorkReport work(String code, Period p) {
        Object[] t = (Object[]) bind(em.createNativeQuery("""
                select count(*), coalesce(sum(c.visitor_count), 0), coalesce(sum(c.households), 0),
                       coalesce(sum(c.persons), 0), count(*) filter (where c.group_petition),
                       coalesce(sum(c.persons) filter (where c.group_petition), 0), count(*) filter (where c.anonymous),
                       count(*) filter (where c.repeat_of is not null), count(*) filter (where c.reception_day_id is not null),
                       count(distinct c.reception_day_id)""" + SCOPE_AND_PERIOD), code, p).getSingleResult();
        List<Object[]> rows = bind(em.createNativeQuery("select c.channel, c.line_code, c.community_code, count(*)"
                + SCOPE_AND_PERIOD + " group by 1, 2, 3"), code, p).getResultList();
        Map<String, Integer> byChannel = new TreeMap<>();
        Map<String, Integer> byLine = new TreeMap<>();
        Map<String, Integer> byCommunity = new TreeMap<>();
        for (Object[] r : rows) {
            int n = ((Number) r[3]).intValue();
            byChannel.merge((String) r[0], n, Integer::sum);
            byLine.merge((String) r[1], n, Integer::sum);
            byCommunity.merge(String.valueOf(r[2]), n, Integer::sum);
        }
        return new WorkReport(code, p.from(), p.to(), i(t[0]), i(t[1]), i(t[2]), i(t[3]), i(t[4]), i(t[5]), i(t[6]),
                i(t[7]), i(t[8]), i(t[9]), new LinkedHashMap<>(byChannel), lines(byLine), communities(byCommunity));
    }

    private List<Count> lines(Map<String, Integer> counts) {
        return ranked(counts).stream().map(e -> new Count(e.getKey(), lineName(e.getKey()), e.getValue())).toList();
    }

    private List<Count> communities(Map<String, Integer> counts) {
        return ranked(counts).stream().map(e -> new Count(e.getKey(), communityName(e.getKey()), e.getValue())).toList();
    }

    private static List<Map.Entry<String, Integer>> ranked(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
                .thenComparing(Map.Entry::getKey)).toList();
    }

    private String lineName(String code) {
        return catalogue.line(code).map(Catalogue.Line::nameZh).orElse(null);
    }

    private String communityName(String code) {
        return catalogue.community(code).map(Catalogue.Community::nameZh).orElse(null);
    }

    private static Query bind(Query q, String code, Period p) {
        ScopeRange r = ScopeRange.within(code);
        return q.setParameter("lo", r.low()).setParameter("hi", r.high()).setParameter("from", p.from())
                .setParameter("to", p.to());
    }

    private static int i(Object o) {
        return o == null ? 0 : ((Number) o).intValue();
    }

    private static LocalDate parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(field, "须为 YYYY-MM-DD 格式的日期", "must be a date as YYYY-MM-DD");
        }
    }
}
