package org.minqing.referral.service;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

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
        return visible(Referral.<Referral>findById(id));
    }

    private Referral visible(Referral r) {
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
        Referral r = forUpdate(id);
        if (r == null || !ownedByCaller(r)) {
            throw ProblemException.notFound(WHAT);
        }
        return r;
    }

    /** For staff actions: visible to the caller and within their jurisdiction. */
    public Referral forStaff(UUID id) {
        Referral r = visible(forUpdate(id));
        scope.requireWithin(r.communityCode, "referralId");
        return r;
    }

    /**
     * A referral about to change is read with its row locked, as the deadline watch reads it (L2):
     * a change waits for a running check and then sees the version that check left, instead of
     * failing with 409 because the watch emitted a notice in between.
     */
    private static Referral forUpdate(UUID id) {
        return Referral.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public boolean ownedByCaller(Referral r) {
        return scope.hasRole(Roles.HANDLING_UNIT) && r.unitId != null
                && scope.unitId().map(u -> u.equals(r.unitId.toString())).orElse(false);
    }
}
