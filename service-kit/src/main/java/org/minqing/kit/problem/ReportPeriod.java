package org.minqing.kit.problem;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A report's period (统计期间), both days included: each date bounded (H3), {@code to} not before
 * {@code from}, at most {@code maxDays} long; a missing end is today, a missing start the default
 * the report chooses. Out of range is a 422 naming the field.
 */
public record ReportPeriod(LocalDate from, LocalDate to) {

    public static ReportPeriod of(LocalDate from, LocalDate to, LocalDate defaultFrom, LocalDate today, int maxDays) {
        Bounds.check().date("from", from).date("to", to).throwIfAny();
        LocalDate f = from != null ? from : defaultFrom;
        LocalDate t = to != null ? to : today;
        if (t.isBefore(f)) {
            throw Bounds.outOfRange("to", "结束日期不能早于开始日期", "must not be before 'from'");
        }
        if (ChronoUnit.DAYS.between(f, t) >= maxDays) {
            throw Bounds.outOfRange("to", "统计期间不能超过 " + maxDays + " 天", "the period must not exceed " + maxDays + " days");
        }
        return new ReportPeriod(f, t);
    }
}
