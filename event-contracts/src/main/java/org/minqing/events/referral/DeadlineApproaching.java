package org.minqing.events.referral;

import java.time.LocalDate;
import org.minqing.events.Nullable;

/** A time limit is near (临期提醒); unitId is null before a unit is assigned. */
public record DeadlineApproaching(
        String referralId,
        String caseId,
        DeadlineKind deadlineKind,
        LocalDate dueDate,
        @Nullable String unitId,
        int workingDaysLeft) {
}
