package org.minqing.referral.service;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.minqing.kit.jdbc.SqlValues;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * Working-day calendar (工作日历) read from the {@code calendar_day} table: official holidays and
 * adjusted working weekends (调休上班日); other weekends are rest days. Periods in calendar days
 * and months follow 民法典 Arts. 201–203: the start day is not counted, a month period ends on the
 * corresponding day (or the month's last day), and a period ending on a rest day ends on the
 * next working day.
 */
@ApplicationScoped
public class WorkingCalendar {

    public enum DayKind { HOLIDAY, ADJUSTED_WORKDAY }

    /** How a time limit is measured. */
    public enum PeriodUnit { CALENDAR_DAYS, WORKING_DAYS, MONTHS }

    public record CalendarDay(LocalDate day, DayKind kind, String name) {
    }

    // Operators change the table rarely; re-reading it every minute keeps instances in step.
    private static final Duration CACHE_TTL = Duration.ofMinutes(1);

    @Inject
    EntityManager em;

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry registry;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(WorkingCalendar.class);

    private volatile Map<LocalDate, DayKind> days;
    private volatile java.util.Set<Integer> coveredYears = java.util.Set.of();
    private final java.util.Set<Integer> warnedYears = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Instant loadedAt = Instant.EPOCH;

    /** Longest period a caller may ask for: ten years of days, working days or months' worth. */
    public static final int MAX_DAYS = 3660;
    public static final int MAX_MONTHS = 120;

    public boolean isWorkingDay(LocalDate date) {
        java.util.Set<Integer> missing = new java.util.TreeSet<>();
        boolean working = isWorkingDay(date, missing);
        warnMissing(missing);
        return working;
    }

    private boolean isWorkingDay(LocalDate date, java.util.Set<Integer> missing) {
        Map<LocalDate, DayKind> known = days();
        if (!coveredYears.contains(date.getYear())) {
            missing.add(date.getYear());
        }
        DayKind kind = known.get(date);
        if (kind != null) {
            return kind == DayKind.ADJUSTED_WORKDAY;
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * One warning per computation (not one per year it crosses), and only for years not warned
     * about since the table was last read: a long period must not flood the log.
     */
    private void warnMissing(java.util.Set<Integer> missing) {
        java.util.List<Integer> fresh = missing.stream().filter(warnedYears::add).toList();
        if (!fresh.isEmpty()) {
            LOG.warnf("working calendar has no arrangement for %s: only weekends count as rest days "
                    + "(load it with PUT /calendar/{year})", fresh.size() == 1 ? fresh.get(0).toString()
                            : fresh.get(0) + "–" + fresh.get(fresh.size() - 1) + " (" + fresh.size() + " years)");
        }
    }

    /** The end of a period of {@code amount} units starting on {@code start} (which is not counted). */
    public LocalDate add(LocalDate start, int amount, PeriodUnit unit) {
        if (amount < 0 || amount > (unit == PeriodUnit.MONTHS ? MAX_MONTHS : MAX_DAYS)) {
            throw new IllegalArgumentException("period out of range: " + amount + " " + unit);
        }
        return switch (unit) {
            case WORKING_DAYS -> plusWorkingDays(start, amount);
            case CALENDAR_DAYS -> plusCalendarDays(start, amount);
            case MONTHS -> plusMonths(start, amount);
        };
    }

    /** "N个工作日": the N-th working day after {@code start}. */
    public LocalDate plusWorkingDays(LocalDate start, int n) {
        java.util.Set<Integer> missing = new java.util.TreeSet<>();
        LocalDate d = start;
        int counted = 0;
        while (counted < n) {
            d = d.plusDays(1);
            if (isWorkingDay(d, missing)) {
                counted++;
            }
        }
        warnMissing(missing);
        return d;
    }

    /** "N日": N calendar days after {@code start}, rolled forward past rest days. */
    public LocalDate plusCalendarDays(LocalDate start, int n) {
        return rollForward(start.plusDays(n));
    }

    /** "N个月": the corresponding day N months on (or that month's last day), rolled forward. */
    public LocalDate plusMonths(LocalDate start, int n) {
        return rollForward(start.plusMonths(n)); // plusMonths already clamps to the month's end
    }

    /** The day itself if it is a working day, else the next working day. */
    public LocalDate rollForward(LocalDate date) {
        java.util.Set<Integer> missing = new java.util.TreeSet<>();
        LocalDate d = date;
        while (!isWorkingDay(d, missing)) {
            d = d.plusDays(1);
        }
        warnMissing(missing);
        return d;
    }

    /** Working days in ({@code from}, {@code to}]; 0 when {@code to} is not after {@code from}. */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        java.util.Set<Integer> missing = new java.util.TreeSet<>();
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d, missing)) {
                n++;
            }
        }
        warnMissing(missing);
        return n;
    }

    /** Years for which an official arrangement is loaded. */
    public java.util.SortedSet<Integer> coveredYears() {
        days();
        return new java.util.TreeSet<>(coveredYears);
    }

    public List<CalendarDay> year(int year) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                    "select day, kind, name from calendar_day where extract(year from day) = :y order by day")
                    .setParameter("y", year).getResultList();
            return rows.stream().map(r -> new CalendarDay(SqlValues.localDate(r[0]), DayKind.valueOf((String) r[1]), (String) r[2]))
                    .toList();
        });
    }

    /** Replaces one year's arrangement (an operator loads next year's State Council notice). */
    public void replaceYear(int year, List<CalendarDay> entries) {
        QuarkusTransaction.joiningExisting().run(() -> {
            em.createNativeQuery("delete from calendar_day where extract(year from day) = :y")
                    .setParameter("y", year).executeUpdate();
            for (CalendarDay e : entries) {
                em.createNativeQuery("insert into calendar_day (day, kind, name) values (:d, :k, :n)")
                        .setParameter("d", e.day()).setParameter("k", e.kind().name()).setParameter("n", e.name())
                        .executeUpdate();
            }
            // Re-read once the new year is committed, not before (another request could cache the old one).
            registry.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    invalidate();
                }
            });
        });
        invalidate();
    }

    public void invalidate() {
        loadedAt = Instant.EPOCH;
    }

    private Map<LocalDate, DayKind> days() {
        Map<LocalDate, DayKind> current = days;
        if (current != null && Instant.now().isBefore(loadedAt.plus(CACHE_TTL))) {
            return current;
        }
        Map<LocalDate, DayKind> loaded = new HashMap<>();
        QuarkusTransaction.joiningExisting().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select day, kind from calendar_day").getResultList();
            for (Object[] r : rows) {
                loaded.put(SqlValues.localDate(r[0]), DayKind.valueOf((String) r[1]));
            }
        });
        coveredYears = loaded.keySet().stream().map(LocalDate::getYear).collect(java.util.stream.Collectors.toUnmodifiableSet());
        warnedYears.retainAll(java.util.Set.of()); // a newly loaded year warns again only if still missing
        days = Map.copyOf(loaded);
        loadedAt = Instant.now();
        return days;
    }
}
