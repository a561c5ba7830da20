package org.minqing.referral.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.minqing.events.intake.Satisfaction;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.Tier;
import org.minqing.referral.Referral;
import org.minqing.referral.ReferralStatus;

/** A referral as the console shows it, with the actions its state allows. */
public record ReferralView(
        UUID id, String caseId, String communityCode, String subdistrictCode, String lineCode, String address,
        String description, int households, String urgency, ReferralStatus status,
        List<ReferralStatus.Action> allowedActions, Route suggestedRoute, UUID suggestedUnitId, Route route,
        UUID unitId, String representativeId, boolean difficult, LocalDate acknowledgeBy, LocalDate returnBy,
        LocalDate dueDate, DeadlineKind deadlineKind, Instant openedAt, Instant referredAt, Instant acceptedAt,
        Instant repliedAt, Boolean repliedOnTime, String reply, Instant informedAt, Instant closedAt, String outcome,
        Integer extendedDays, int reopenCount, boolean reviewRequested, Satisfaction satisfaction, int repeatCount,
        int priority, Tier watchTier, String watchJurisdiction, UUID mergedInto) {

    public static ReferralView of(Referral r) {
        return new ReferralView(r.id, r.caseId, r.communityCode, r.subdistrictCode, r.lineCode, r.address,
                r.description, r.households, r.urgency, r.status, r.status.allowedActions(), r.suggestedRoute,
                r.suggestedUnitId, r.route, r.unitId, r.representativeId, r.difficult, r.acknowledgeBy, r.returnBy,
                r.dueDate, r.deadlineKind, r.openedAt, r.referredAt, r.acceptedAt, r.repliedAt, r.repliedOnTime,
                r.reply, r.informedAt, r.closedAt, r.outcome, r.extendedDays, r.reopenCount, r.reviewRequested,
                r.satisfaction, r.repeatCount, r.priority, r.watchTier, r.watchJurisdiction, r.mergedInto);
    }
}
