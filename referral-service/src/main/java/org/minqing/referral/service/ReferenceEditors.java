package org.minqing.referral.service;

import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.HandlingUnit;
import org.minqing.referral.HandlingUnit.UnitTier;

/**
 * Who edits referral's reference data (参考数据维护权限, issue 14, ADR 0021): ops-admin everything;
 * district staff the units and remit rules within their district (up to district tier); sub-district
 * staff only their own: units whose jurisdiction lies in their sub-district (community or sub-district
 * tier) and rules whose scope does. Units and rules are readable by every staff member, so a
 * refusal is a 403 naming the field (nothing to hide by a 404). The roles themselves are checked by
 * {@code @RolesAllowed}; this adds the jurisdiction and the tier.
 */
public final class ReferenceEditors {

    private ReferenceEditors() {
    }

    /** The highest unit tier a caller may give or change; null = no limit (ops-admin). */
    static UnitTier highestTier(CallerScope scope) {
        if (scope.hasRole(Roles.OPS_ADMIN)) {
            return null;
        }
        return scope.hasRole(Roles.DISTRICT_STAFF) ? UnitTier.DISTRICT : UnitTier.SUBDISTRICT;
    }

    /**
     * A write of unit {@code current} (null when added) with the new tier and jurisdiction: the unit
     * as it is must be the caller's (403 naming {@code id}), and so must the unit as it will be
     * (403 naming {@code jurisdiction} or {@code tier}): a sub-district cannot take over a
     * neighbour's unit, move its own out of its area, or make it a district unit.
     */
    public static void requireMayWriteUnit(CallerScope scope, HandlingUnit current, UnitTier tier, String jurisdiction) {
        UnitTier highest = highestTier(scope);
        if (highest == null) {
            return;
        }
        if (current != null && (!scope.maySee(current.jurisdiction.trim()) || current.tier.compareTo(highest) > 0)) {
            throw ProblemException.forbidden(
                    "字段 id 所指的承办单位（" + current.tier + "，" + current.jurisdiction.trim() + "）不归您维护",
                    "the handling unit in field id (" + current.tier + ", " + current.jurisdiction.trim()
                            + ") is not yours to change");
        }
        scope.requireWithin(jurisdiction, "jurisdiction");
        if (tier.compareTo(highest) > 0) {
            throw ProblemException.forbidden(
                    "字段 tier：您只能维护" + (highest == UnitTier.DISTRICT ? "区级及以下" : "街道和社区") + "的承办单位",
                    "field tier: you may only maintain " + (highest == UnitTier.DISTRICT ? "district, sub-district and community"
                            : "sub-district and community") + " units");
        }
    }

    /** A remit rule's scope must lie in the caller's jurisdiction (403 naming {@code scopeCode}). */
    public static void requireMayWriteRuleScope(CallerScope scope, String scopeCode) {
        if (highestTier(scope) != null) {
            scope.requireWithin(scopeCode, "scopeCode");
        }
    }

    /**
     * A sub-district's rule may suggest its own units or a district or city unit (reached through a
     * representative), never a neighbour's (403 naming {@code unitId}).
     */
    public static void requireMayWriteRuleUnit(CallerScope scope, HandlingUnit unit) {
        if (highestTier(scope) == UnitTier.SUBDISTRICT && unit.tier.compareTo(UnitTier.SUBDISTRICT) <= 0
                && !scope.maySee(unit.jurisdiction.trim())) {
            throw ProblemException.forbidden("字段 unitId 所指的承办单位属于其他街道",
                    "the handling unit in field unitId belongs to another sub-district");
        }
    }
}
