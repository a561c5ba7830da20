package org.minqing.events.representative;

import org.minqing.events.Nullable;

/**
 * One representative on a reception day's roster (接访名单). The name is a public official's, so
 * notices can be addressed without a look-up.
 */
public record RosterEntry(
        String representativeId,
        String name,
        RepresentativeKind kind,
        @Nullable RepresentativeLevel level) {
}
