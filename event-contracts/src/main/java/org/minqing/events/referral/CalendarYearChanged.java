package org.minqing.events.referral;

import java.time.LocalDate;
import java.util.List;

/**
 * A year's working calendar (工作日历) was loaded by the district's piece: every holiday and adjusted
 * working weekend of {@code year}, replacing what was there (an empty list: only weekends rest).
 * {@code calendarYearId} is the year as text (the message key). Issue 14, ADR 0021.
 */
public record CalendarYearChanged(
        String calendarYearId,
        int year,
        List<Day> days) {

    /** One day of the official arrangement. */
    public record Day(LocalDate day, DayKind kind, String name) {
    }

    /** A holiday (休息) or a weekend made a working day (调休上班). */
    public enum DayKind { HOLIDAY, ADJUSTED_WORKDAY }
}
