package org.minqing.referral.mapping;

import java.util.List;
import java.util.UUID;

import org.minqing.referral.HandlingUnit;
import org.minqing.referral.service.ReferenceOwners;

/**
 * A handling unit as the API shows it: its lines as a list, and which piece keeps it (ADR 0024):
 * {@code keptHere} false means this piece holds a copy and the owner {@code keptBy} changes it, so
 * the console offers no edit; {@code keptBy} is null in a deployment without an ownership table.
 */
public record UnitView(UUID id, String name, HandlingUnit.UnitTier tier, List<String> lines, String jurisdiction,
        String contactName, String contactPhone, String contactEmail, String userSubject, boolean active,
        String keptBy, boolean keptHere) {

    public static UnitView of(HandlingUnit u, ReferenceOwners owners) {
        return new UnitView(u.id, u.name, u.tier, List.of(u.lines.split(",")), u.jurisdiction, u.contactName,
                u.contactPhone, u.contactEmail, u.userSubject, u.active, owners.ownerOfUnit(u.tier, u.jurisdiction),
                owners.ownsUnit(u.tier, u.jurisdiction));
    }
}
