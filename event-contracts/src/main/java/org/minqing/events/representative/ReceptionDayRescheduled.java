package org.minqing.events.representative;

import java.time.LocalDate;
import java.time.LocalTime;
import org.minqing.events.JurisdictionCode;

/** A reception day (接访日) moved; carries the full new time and place. */
public record ReceptionDayRescheduled(
        String receptionDayId,
        @JurisdictionCode String communityCode,
        LocalDate date,
        LocalTime startTime,
        LocalTime endTime,
        String place,
        String reason) {
}
