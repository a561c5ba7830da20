package org.minqing.referral.service;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.CalendarYearChanged;
import org.minqing.events.referral.DeadlinePolicyChanged;
import org.minqing.kit.messaging.PoisonMessageException;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.piece.Ownership;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.referral.service.DeadlinePolicies.Policy;
import org.minqing.referral.service.WorkingCalendar.CalendarDay;
import org.minqing.referral.service.WorkingCalendar.DayKind;
import org.minqing.referral.service.WorkingCalendar.PeriodUnit;

/**
 * The district's reference data for deadlines (区级办理时限与工作日历) across pieces (issue 14, ADR 0021).
 * The district's piece (the ownership table's root, or a deployment without a table) is their one
 * source: a change there is written, audited and published on {@code minqing.referral.reference} in
 * one transaction. A sub-district's piece refuses to change them and applies the district's events to
 * its own tables instead, auditing them with the event's actor.
 */
@ApplicationScoped
public class DistrictReference {

    private static final Logger LOG = Logger.getLogger(DistrictReference.class);

    @Inject
    Ownership ownership;
    @Inject
    DeadlinePolicies policies;
    @Inject
    WorkingCalendar calendar;
    @Inject
    ReferenceAudit audit;
    @Inject
    Outbox outbox;

    /** Whether this piece decides the policies and the calendar: the district's (root) piece. */
    public boolean isSource() {
        return ownership.piece().isRoot();
    }

    /** 409 naming {@code field} in a sub-district's piece: the district's piece maintains these. */
    public void requireSource(String field, String zhWhat, String enWhat) {
        if (isSource()) {
            return;
        }
        String zh = zhWhat + "由区级部署单元维护，本街道部署单元不能修改，区级的修改会自动同步到这里";
        String en = enWhat + " are maintained by the district's piece; this sub-district's piece cannot change them, "
                + "the district's changes reach it by events";
        throw ProblemException.conflict("maintained-by-the-district", zh, en, List.of(Problem.FieldError.of(field, zh, en)));
    }

    // --- the source: write, audit, publish (the caller's transaction) ---

    @Transactional(Transactional.TxType.MANDATORY)
    public void setPolicy(Policy after, Actor actor, String district) {
        Policy before = policies.find(after.kind(), after.route());
        policies.put(after);
        // Issue 14: who changed a time limit, when, and what it was (same trail as units and rules).
        audit.record("DEADLINE_POLICY", key(after), actor, before == null ? null : audited(before), audited(after));
        var payload = new DeadlinePolicyChanged(key(after), after.kind(), after.route(), after.amount(),
                DeadlinePolicyChanged.PeriodUnit.valueOf(after.unit().name()), after.basis());
        outbox.publish(EventType.DEADLINE_POLICY_CHANGED.topic().topic(),
                EventEnvelope.of(EventType.DEADLINE_POLICY_CHANGED, district, key(after), null, actor, payload));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<CalendarDay> setYear(int year, List<CalendarDay> days, Actor actor, String district) {
        List<CalendarDay> before = calendar.year(year);
        calendar.replaceYear(year, days);
        List<CalendarDay> after = calendar.year(year);
        // Issue 14: a year's arrangement moves every deadline in it; who loaded it, when, and what it replaced.
        audit.record("CALENDAR_YEAR", String.valueOf(year), actor, before.isEmpty() ? null : audited(before), audited(after));
        var payload = new CalendarYearChanged(String.valueOf(year), year, after.stream()
                .map(d -> new CalendarYearChanged.Day(d.day(), CalendarYearChanged.DayKind.valueOf(d.kind().name()), d.name()))
                .toList());
        outbox.publish(EventType.CALENDAR_YEAR_CHANGED.topic().topic(),
                EventEnvelope.of(EventType.CALENDAR_YEAR_CHANGED, district, String.valueOf(year), null, actor, payload));
        return after;
    }

    // --- a sub-district's piece: apply the district's event ---

    /**
     * Applies a district's policy. The same values again (a replay under a new event id, or the
     * district re-saving a row) change nothing and leave no second audit row. Values outside what the
     * API admits are a poison message (dead-lettered), not a silent clamp.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyPolicy(DeadlinePolicyChanged p, Actor actor) {
        int max = p.unit() == DeadlinePolicyChanged.PeriodUnit.MONTHS ? WorkingCalendar.MAX_MONTHS : WorkingCalendar.MAX_DAYS;
        if (p.amount() < 1 || p.amount() > max || !p.kind().matches("[A-Z_]{1,40}") || !p.route().matches("\\*|[A-Z_]{1,40}")
                || p.basis() == null || p.basis().isBlank() || p.basis().length() > 500) {
            throw new PoisonMessageException("deadline policy " + p.deadlinePolicyId() + " outside what this piece admits");
        }
        Policy after = new Policy(p.kind(), p.route(), p.amount(), PeriodUnit.valueOf(p.unit().name()), p.basis());
        Policy before = policies.find(p.kind(), p.route());
        if (after.equals(before)) {
            return false;
        }
        policies.put(after);
        audit.record("DEADLINE_POLICY", key(after), actor, before == null ? null : audited(before), audited(after));
        LOG.infof("applied the district's deadline policy %s: %d %s", key(after), after.amount(), after.unit());
        return true;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyYear(CalendarYearChanged c, Actor actor) {
        int year = c.year();
        if (year < Bounds.EARLIEST_YEAR || year > Bounds.LATEST_YEAR || c.days().size() > 366
                || c.days().stream().anyMatch(d -> d.day().getYear() != year || d.name() == null || d.name().isBlank()
                        || d.name().length() > 50)) {
            throw new PoisonMessageException("calendar year " + c.calendarYearId() + " outside what this piece admits");
        }
        List<CalendarDay> after = c.days().stream()
                .map(d -> new CalendarDay(d.day(), DayKind.valueOf(d.kind().name()), d.name()))
                .sorted(Comparator.comparing(CalendarDay::day)).toList();
        List<CalendarDay> before = calendar.year(year);
        if (after.equals(before)) {
            return false;
        }
        calendar.replaceYear(year, after);
        audit.record("CALENDAR_YEAR", String.valueOf(year), actor, before.isEmpty() ? null : audited(before), audited(after));
        LOG.infof("applied the district's working calendar %d: %d day(s)", year, after.size());
        return true;
    }

    static String key(Policy p) {
        return p.kind() + "/" + p.route();
    }

    static Map<String, Object> audited(Policy p) {
        return Map.of("kind", p.kind(), "route", p.route(), "amount", p.amount(), "unit", p.unit().name(), "basis", p.basis());
    }

    static Map<String, Object> audited(List<CalendarDay> days) {
        return Map.of("days", days.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("day", d.day().toString());
            m.put("kind", d.kind().name());
            m.put("name", d.name());
            return m;
        }).toList());
    }
}
