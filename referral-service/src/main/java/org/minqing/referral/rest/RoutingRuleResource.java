package org.minqing.referral.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.mapping.RuleView;
import org.minqing.referral.service.ReferenceOwners;
import org.minqing.referral.service.RoutingRules;
import org.minqing.referral.service.RoutingRules.Rule;

/** Remit rules (转办规则): read by staff; changed by ops-admin, district staff, and a sub-district for its own scope. */
@Path("/routing-rules")
public class RoutingRuleResource {

    @Inject
    RoutingRules rules;

    @Inject
    CallerScope scope;

    @Inject
    ReferenceOwners owners;

    @GET
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.SERVICE, Roles.OPS_ADMIN })
    @Transactional
    public List<RuleView> list() {
        return rules.all().stream().map(r -> RuleView.of(r, owners)).toList();
    }

    /** Adds or replaces the rule for a line and scope; 403 naming the field outside the caller's jurisdiction. */
    @PUT
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.OPS_ADMIN })
    @Transactional
    public RuleView put(@Valid @NotNull Rule req) {
        return RuleView.of(rules.put(req, scope), owners);
    }
}
