package org.minqing.events.representative;

import org.minqing.events.JurisdictionCode;
import org.minqing.events.Nullable;

/**
 * A representative (代表/委员) was registered. E-mail and mobile are a public official's work
 * contact, carried because notification-service must reach them, and only sealed
 * ({@link org.minqing.events.SealedContact}, fields {@code email} / {@code mobile}): never in
 * plain text on a topic.
 */
public record RepresentativeRegistered(
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
