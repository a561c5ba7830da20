package org.minqing.events.representative;

import org.minqing.events.JurisdictionCode;
import org.minqing.events.Nullable;

/**
 * A representative's record (代表档案) changed; carries the full new state, like
 * {@link RepresentativeRegistered} (contacts sealed the same way). {@code active=false} means the
 * term ended or they left.
 */
public record RepresentativeUpdated(
        String representativeId,
        String name,
        RepresentativeKind kind,
        @Nullable RepresentativeLevel level,
        @JurisdictionCode String constituencyCode,
        @Nullable String liaisonStation,
        boolean active,
        @Nullable String userSubject,
        @Nullable String emailSealed,
        @Nullable String mobileSealed) {
}
