package org.minqing.events.referral;

/**
 * A deadline policy (办理时限) was set by the district's piece: the full new row, so the last event is
 * the whole truth. {@code deadlinePolicyId} is {@code <kind>/<route>} (the message key); {@code route}
 * is a route name or {@code *} for any route. Every piece computes its deadlines on it (issue 14, ADR 0021).
 */
public record DeadlinePolicyChanged(
        String deadlinePolicyId,
        String kind,
        String route,
        int amount,
        PeriodUnit unit,
        String basis) {

    /** How a time limit is measured. */
    public enum PeriodUnit { CALENDAR_DAYS, WORKING_DAYS, MONTHS }
}
