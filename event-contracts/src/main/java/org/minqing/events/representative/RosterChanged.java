package org.minqing.events.representative;

import java.time.LocalDate;
import java.util.List;
import org.minqing.events.JurisdictionCode;

/**
 * A reception day's roster (接访名单) changed: the full new roster plus the representative ids
 * added and removed, so only those need a notice.
 */
public record RosterChanged(
        String receptionDayId,
        @JurisdictionCode String communityCode,
        LocalDate date,
        List<RosterEntry> roster,
        List<String> added,
        List<String> removed) {
}
