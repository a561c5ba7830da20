package org.minqing.referral.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.minqing.events.Actor;
import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.RoutingRuleChanged;
import org.minqing.kit.messaging.PoisonMessageException;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.referral.HandlingUnit;

/**
 * Remit rules (转办规则): for a line and a scope (community, sub-district or district), the route and
 * unit a new referral is pre-filled with; the most specific scope wins ({@link IncomingCases}).
 * Written in the piece owning the scope and published as {@code referral.routing-rule.changed}; the
 * other pieces keep copies from those events (issue 14, ADR 0024).
 */
@ApplicationScoped
public class RoutingRules {

    public record Rule(
            @NotBlank @Size(max = 64) String lineCode,
            @NotBlank @Pattern(regexp = "\\d{12}", message = "须为12位区划代码 / must be a 12-digit division code") String scopeCode,
            @NotNull Route route,
            @NotNull UUID unitId) {
    }

    @Inject
    EntityManager em;

    @Inject
    ReferenceAudit audit;

    @Inject
    ReferenceOwners owners;

    @Inject
    Outbox outbox;

    public List<Rule> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select line_code, scope_code, route, unit_id from routing_rule order by line_code, scope_code").getResultList();
        return rows.stream().map(r -> new Rule((String) r[0], String.valueOf(r[1]), Route.valueOf((String) r[2]),
                UUID.fromString(String.valueOf(r[3])))).toList();
    }

    /**
     * Adds or replaces the rule for its line and scope, if the caller may maintain that scope
     * ({@link ReferenceEditors}) and this piece keeps it ({@link ReferenceOwners}: 409 naming
     * {@code scopeCode}); audited with the rule it replaced and the caller as actor, and published in
     * the same transaction (every time, so a re-save re-sends it to a piece that missed it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Rule put(Rule rule, CallerScope scope) {
        ReferenceEditors.requireMayWriteRuleScope(scope, rule.scopeCode());
        owners.requireScopeOwned(rule.scopeCode());
        HandlingUnit unit = HandlingUnit.findById(rule.unitId());
        if (unit == null) {
            throw ProblemException.unprocessable("unknown-unit", "unitId", "承办单位不存在", "no handling unit with this id");
        }
        ReferenceEditors.requireMayWriteRuleUnit(scope, unit);
        Actor actor = scope.actor();
        Rule before = find(rule.lineCode(), rule.scopeCode());
        upsert(rule);
        audit.record("ROUTING_RULE", key(rule), actor, before == null ? null : audited(before), audited(rule));
        outbox.publish(EventType.ROUTING_RULE_CHANGED.topic().topic(), EventEnvelope.of(EventType.ROUTING_RULE_CHANGED,
                rule.scopeCode(), key(rule), null, actor, new RoutingRuleChanged(key(rule), rule.lineCode(), rule.scopeCode(),
                        rule.route(), rule.unitId().toString())));
        return rule;
    }

    /**
     * Issue 14 (ADR 0024): applies a rule another piece keeps. Its unit may not have arrived yet (units
     * travel on their own topic): the rule is kept anyway and used once the unit is here, as the
     * suggestion joins the unit. Equal values change nothing and leave no audit row; values outside
     * what the API admits are a poison message.
     *
     * @return whether anything changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean applyCopy(RoutingRuleChanged p, Actor actor) {
        UUID unitId;
        try {
            unitId = UUID.fromString(p.unitId());
        } catch (RuntimeException e) {
            throw new PoisonMessageException("remit rule " + p.routingRuleId() + ": unit id is not a UUID");
        }
        if (p.lineCode() == null || p.lineCode().isBlank() || p.lineCode().length() > 64 || p.route() == null
                || p.scopeCode() == null || !p.scopeCode().matches("\\d{12}")) {
            throw new PoisonMessageException("remit rule " + p.routingRuleId() + " outside what this piece admits");
        }
        Rule after = new Rule(p.lineCode(), p.scopeCode(), p.route(), unitId);
        Rule before = find(after.lineCode(), after.scopeCode());
        if (after.equals(before)) {
            return false;
        }
        upsert(after);
        audit.record("ROUTING_RULE", key(after), actor, before == null ? null : audited(before), audited(after));
        return true;
    }

    private Rule find(String lineCode, String scopeCode) {
        return all().stream().filter(r -> r.lineCode().equals(lineCode) && r.scopeCode().equals(scopeCode))
                .findFirst().orElse(null);
    }

    private void upsert(Rule rule) {
        em.createNativeQuery("""
                insert into routing_rule (line_code, scope_code, route, unit_id) values (:l, :s, :r, :u)
                on conflict (line_code, scope_code) do update set route = excluded.route, unit_id = excluded.unit_id""")
                .setParameter("l", rule.lineCode()).setParameter("s", rule.scopeCode())
                .setParameter("r", rule.route().name()).setParameter("u", rule.unitId()).executeUpdate();
    }

    static String key(Rule r) {
        return r.lineCode() + "@" + r.scopeCode();
    }

    private static Map<String, Object> audited(Rule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lineCode", r.lineCode());
        m.put("scopeCode", r.scopeCode());
        m.put("route", r.route().name());
        m.put("unitId", r.unitId().toString());
        return m;
    }
}
