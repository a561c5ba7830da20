package org.minqing.referral.rest;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.Referral;

/**
 * Who may see and act on a referral: staff and services by jurisdiction (the case's community
 * code), a handling unit only on the referrals it holds. Outside that, the referral does not
 * exist for the caller (404).
 */
@RequestScoped
public class ReferralAccess {

    static final String WHAT = "转办件 / referral";

    @Inject
    CallerScope scope;

    public boolean isUnitOnly() {
        return scope.hasRole(Roles.HANDLING_UNIT) && !scope.hasAnyRole(Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF,
                Roles.COMMUNITY_STAFF, Roles.SERVICE);
    }

    public Referral visible(UUID id) {
        Referral r = Referral.findById(id);
        if (r == null) {
            throw ProblemException.notFound(WHAT);
        }
        if (isUnitOnly()) {
            if (!ownedByCaller(r)) {
                throw ProblemException.notFound(WHAT);
            }
            return r;
        }
        if (isRepresentativeOnly() && representedByCaller(r)) {
            return r; // the deputy who carries it to the unit follows it wherever the case came from
        }
        scope.requireVisible(r.communityCode, WHAT);
        return r;
    }

    public boolean isRepresentativeOnly() {
        return scope.hasRole(Roles.REPRESENTATIVE) && !scope.hasAnyRole(Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF,
                Roles.COMMUNITY_STAFF, Roles.SERVICE);
    }

    public boolean representedByCaller(Referral r) {
        return r.representativeId != null && scope.representativeId().map(r.representativeId::equals).orElse(false);
    }

    /** For the handling unit's own actions: only the unit holding the referral. */
    public Referral heldByCallerUnit(UUID id) {
        Referral r = Referral.findById(id);
        if (r == null || !ownedByCaller(r)) {
            throw ProblemException.notFound(WHAT);
        }
        return r;
    }

    /** For staff actions: visible to the caller and within their jurisdiction. */
    public Referral forStaff(UUID id) {
        Referral r = visible(id);
        scope.requireWithin(r.communityCode, "referralId");
        return r;
    }

    public boolean ownedByCaller(Referral r) {
        return scope.hasRole(Roles.HANDLING_UNIT) && r.unitId != null
                && scope.unitId().map(u -> u.equals(r.unitId.toString())).orElse(false);
    }
}
