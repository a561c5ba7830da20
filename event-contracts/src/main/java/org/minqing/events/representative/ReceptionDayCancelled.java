package org.minqing.events.representative;

import java.time.LocalDate;
import org.minqing.events.JurisdictionCode;

/** A reception day (接访日) was cancelled; residents and the roster must be told why. */
public record ReceptionDayCancelled(
        String receptionDayId,
        @JurisdictionCode String communityCode,
        LocalDate date,
        String reason) {
}
