package org.minqing.referral.mapping;

import java.util.UUID;

import org.minqing.referral.service.ReferenceOwners;
import org.minqing.referral.service.RoutingRules.Rule;
import org.minqing.events.referral.Route;

/** A remit rule as the API shows it, with the piece that keeps it (as {@link UnitView}). */
public record RuleView(String lineCode, String scopeCode, Route route, UUID unitId, String keptBy, boolean keptHere) {

    public static RuleView of(Rule r, ReferenceOwners owners) {
        return new RuleView(r.lineCode(), r.scopeCode(), r.route(), r.unitId(), owners.ownerOfScope(r.scopeCode()),
                owners.ownsScope(r.scopeCode()));
    }
}
