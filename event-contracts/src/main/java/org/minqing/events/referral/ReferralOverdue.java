package org.minqing.events.referral;

import java.time.LocalDate;
import org.minqing.events.Nullable;

/** A time limit passed (超期); unitId is null before a unit is assigned. */
public record ReferralOverdue(
        String referralId,
        String caseId,
        DeadlineKind deadlineKind,
        LocalDate dueDate,
        @Nullable String unitId) {
}
