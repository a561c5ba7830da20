package org.minqing.referral.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.minqing.kit.problem.Bounds;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.service.DeadlinePolicies;
import org.minqing.referral.service.ReferenceAudit;
import org.minqing.referral.service.WorkingCalendar;
import org.minqing.referral.service.WorkingCalendar.PeriodUnit;

/**
 * The deadline policy table (办理时限): read by everyone who works to a limit; changed by the district
 * (district staff) and ops-admin, as the limits hold district-wide (issue 14).
 */
@Path("/deadline-policies")
public class DeadlinePolicyResource {

    @Inject
    DeadlinePolicies policies;

    @Inject
    ReferenceAudit audit;

    @Inject
    CallerScope scope;

    public record PolicyRequest(
            @NotBlank @Size(max = 40) @Pattern(regexp = "[A-Z_]+") String kind,
            @NotBlank @Size(max = 40) @Pattern(regexp = "\\*|[A-Z_]+") String route,
            @NotNull Integer amount,
            @NotNull PeriodUnit unit,
            @NotBlank @Size(max = 500) String basis) {
    }

    @GET
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE, Roles.OPS_ADMIN })
    @Transactional
    public List<DeadlinePolicies.Policy> list() {
        return policies.all();
    }

    @PUT
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.OPS_ADMIN })
    @Transactional
    public List<DeadlinePolicies.Policy> put(@Valid @NotNull PolicyRequest req) {
        Bounds.check().number("amount", req.amount(), 1,
                req.unit() == PeriodUnit.MONTHS ? WorkingCalendar.MAX_MONTHS : WorkingCalendar.MAX_DAYS).throwIfAny();
        DeadlinePolicies.Policy before = policies.all().stream()
                .filter(p -> p.kind().equals(req.kind()) && p.route().equals(req.route())).findFirst().orElse(null);
        DeadlinePolicies.Policy after = new DeadlinePolicies.Policy(req.kind(), req.route(), req.amount(), req.unit(), req.basis());
        policies.put(after);
        // Issue 14: who changed a time limit, when, and what it was (same trail as units and rules).
        audit.record("DEADLINE_POLICY", req.kind() + "/" + req.route(), scope.actor(), before == null ? null : audited(before),
                audited(after));
        return policies.all();
    }

    private static java.util.Map<String, Object> audited(DeadlinePolicies.Policy p) {
        return java.util.Map.of("kind", p.kind(), "route", p.route(), "amount", p.amount(), "unit", p.unit().name(),
                "basis", p.basis());
    }
}
