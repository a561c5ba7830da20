package org.minqing.referral.service;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.minqing.events.referral.Route;
import org.minqing.referral.service.WorkingCalendar.PeriodUnit;

/**
 * The time limits (办理时限) from the {@code deadline_policy} table: a kind (ACKNOWLEDGE, RESOLVE,
 * RESOLVE_DIFFICULT, RETURN, EXTENSION_MAX, REOPEN, SUPERVISION) per route, {@code *} for any route.
 */
@ApplicationScoped
public class DeadlinePolicies {

    public record Policy(String kind, String route, int amount, PeriodUnit unit, String basis) {
    }

    @Inject
    EntityManager em;

    @Inject
    WorkingCalendar calendar;

    /** The policy for a kind and route: the route's own row, else the {@code *} row. */
    public Policy policy(String kind, Route route) {
        String r = route == null ? "*" : route.name();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select kind, route, amount, unit, basis from deadline_policy
                where kind = :k and route in (:r, '*') order by case when route = '*' then 1 else 0 end""")
                .setParameter("k", kind).setParameter("r", r).getResultList();
        if (rows.isEmpty()) {
            throw new IllegalStateException("no deadline_policy row for " + kind + "/" + r);
        }
        Object[] row = rows.get(0);
        return new Policy((String) row[0], (String) row[1], ((Number) row[2]).intValue(),
                PeriodUnit.valueOf((String) row[3]), (String) row[4]);
    }

    public boolean exists(String kind, Route route) {
        Number n = (Number) em.createNativeQuery(
                "select count(*) from deadline_policy where kind = :k and route in (:r, '*')")
                .setParameter("k", kind).setParameter("r", route == null ? "*" : route.name()).getSingleResult();
        return n.intValue() > 0;
    }

    public LocalDate due(String kind, Route route, LocalDate from) {
        Policy p = policy(kind, route);
        return calendar.add(from, p.amount(), p.unit());
    }

    /** The resolve deadline for a route: the difficult variant when flagged and defined for it. */
    public LocalDate resolveDue(Route route, boolean difficult, LocalDate from) {
        String kind = difficult && exists("RESOLVE_DIFFICULT", route)
                ? "RESOLVE_DIFFICULT" : "RESOLVE";
        return due(kind, route, from);
    }

    public List<Policy> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select kind, route, amount, unit, basis from deadline_policy order by kind, route").getResultList();
        return rows.stream().map(row -> new Policy((String) row[0], (String) row[1], ((Number) row[2]).intValue(),
                PeriodUnit.valueOf((String) row[3]), (String) row[4])).toList();
    }

    /** The row of exactly this kind and route (no fallback to {@code *}); null if there is none. */
    public Policy find(String kind, String route) {
        return all().stream().filter(p -> p.kind().equals(kind) && p.route().equals(route)).findFirst().orElse(null);
    }

    public void put(Policy p) {
        em.createNativeQuery("""
                insert into deadline_policy (kind, route, amount, unit, basis) values (:k, :r, :a, :u, :b)
                on conflict (kind, route) do update set amount = excluded.amount, unit = excluded.unit, basis = excluded.basis""")
                .setParameter("k", p.kind()).setParameter("r", p.route()).setParameter("a", p.amount())
                .setParameter("u", p.unit().name()).setParameter("b", p.basis()).executeUpdate();
    }
}
