package org.minqing.referral.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.HandlingUnit;
import org.minqing.referral.mapping.UnitView;
import org.minqing.referral.service.HandlingUnits;
import org.minqing.referral.service.HandlingUnits.UnitFields;
import org.minqing.referral.service.ReferenceOwners;

/**
 * Handling units (承办单位): read by everyone who routes or handles; changed by ops-admin, district
 * staff within their district and sub-district staff for their own units (issue 14, {@code ReferenceEditors}).
 */
@Path("/units")
public class UnitResource {

    @Inject
    HandlingUnits units;

    @Inject
    CallerScope scope;

    @Inject
    ReferenceOwners owners;

    @GET
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE, Roles.OPS_ADMIN })
    @Transactional
    public List<UnitView> list(@QueryParam("tier") HandlingUnit.UnitTier tier, @QueryParam("line") String line) {
        return units.list(tier, line).stream().map(u -> UnitView.of(u, owners)).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE, Roles.OPS_ADMIN })
    @Transactional
    public UnitView get(@PathParam("id") UUID id) {
        return UnitView.of(units.get(id), owners);
    }

    /**
     * Adds or changes a unit without a release; {@code active=false} deactivates it (its referrals
     * keep their history). Its contact and account name reach notification by event. Outside what the
     * caller maintains: 403 naming the field.
     */
    @PUT
    @Path("/{id}")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.OPS_ADMIN })
    @Transactional
    public UnitView put(@PathParam("id") UUID id, @Valid @NotNull UnitFields req) {
        return UnitView.of(units.put(id, req, scope), owners);
    }
}
