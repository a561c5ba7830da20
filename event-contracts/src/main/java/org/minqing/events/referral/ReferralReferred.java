package org.minqing.events.referral;

import java.time.LocalDate;
import org.minqing.events.Nullable;

/**
 * The case was handed to a handling unit (承办单位) by a route; {@code representativeId} is set
 * for the representative-led routes. {@code difficult} selects the longer suggestion deadline.
 */
public record ReferralReferred(
        String referralId,
        String caseId,
        Route route,
        String unitId,
        String unitName,
        @Nullable String representativeId,
        LocalDate dueDate,
        boolean difficult) {
}
