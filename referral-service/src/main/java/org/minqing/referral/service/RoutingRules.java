package org.minqing.referral.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.minqing.events.Actor;
import org.minqing.events.referral.Route;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.referral.HandlingUnit;

/**
 * Remit rules (转办规则): for a line and a scope (community, sub-district or district), the route and
 * unit a new referral is pre-filled with; the most specific scope wins ({@link IncomingCases}).
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

    public List<Rule> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select line_code, scope_code, route, unit_id from routing_rule order by line_code, scope_code").getResultList();
        return rows.stream().map(r -> new Rule((String) r[0], String.valueOf(r[1]), Route.valueOf((String) r[2]),
                UUID.fromString(String.valueOf(r[3])))).toList();
    }

    /**
     * Adds or replaces the rule for its line and scope, if the caller may maintain that scope
     * ({@link ReferenceEditors}); audited with the rule it replaced and the caller as actor.
     */
    public Rule put(Rule rule, CallerScope scope) {
        ReferenceEditors.requireMayWriteRuleScope(scope, rule.scopeCode());
        HandlingUnit unit = HandlingUnit.findById(rule.unitId());
        if (unit == null) {
            throw ProblemException.unprocessable("unknown-unit", "unitId", "承办单位不存在", "no handling unit with this id");
        }
        ReferenceEditors.requireMayWriteRuleUnit(scope, unit);
        Actor actor = scope.actor();
        Rule before = all().stream().filter(r -> r.lineCode().equals(rule.lineCode()) && r.scopeCode().equals(rule.scopeCode()))
                .findFirst().orElse(null);
        em.createNativeQuery("""
                insert into routing_rule (line_code, scope_code, route, unit_id) values (:l, :s, :r, :u)
                on conflict (line_code, scope_code) do update set route = excluded.route, unit_id = excluded.unit_id""")
                .setParameter("l", rule.lineCode()).setParameter("s", rule.scopeCode())
                .setParameter("r", rule.route().name()).setParameter("u", rule.unitId()).executeUpdate();
        audit.record("ROUTING_RULE", rule.lineCode() + "@" + rule.scopeCode(), actor, before == null ? null : audited(before),
                audited(rule));
        return rule;
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
