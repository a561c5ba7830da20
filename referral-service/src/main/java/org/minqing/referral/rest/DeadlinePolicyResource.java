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
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.service.DeadlinePolicies;
import org.minqing.referral.service.DistrictReference;
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
    DistrictReference reference;

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
        // Issue 14 (ADR 0021): a sub-district's piece takes the district's limits by events, never edits them.
        reference.requireSource("kind", "办理时限", "deadline policies");
        Bounds.check().number("amount", req.amount(), 1,
                req.unit() == PeriodUnit.MONTHS ? WorkingCalendar.MAX_MONTHS : WorkingCalendar.MAX_DAYS).throwIfAny();
        DeadlinePolicies.Policy after = new DeadlinePolicies.Policy(req.kind(), req.route(), req.amount(), req.unit(), req.basis());
        // written, audited and published to the other pieces in this transaction
        reference.setPolicy(after, scope.actor(), Jurisdiction.at(scope.ownOrForbidden(), Jurisdiction.Tier.DISTRICT));
        return policies.all();
    }
}
