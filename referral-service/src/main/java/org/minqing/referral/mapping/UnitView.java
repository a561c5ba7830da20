package org.minqing.referral.mapping;

import java.util.List;
import java.util.UUID;

import org.minqing.referral.HandlingUnit;

/** A handling unit as the API shows it: its lines as a list. */
public record UnitView(UUID id, String name, HandlingUnit.UnitTier tier, List<String> lines, String jurisdiction,
        String contactName, String contactPhone, String contactEmail, String userSubject, boolean active) {

    public static UnitView of(HandlingUnit u) {
        return new UnitView(u.id, u.name, u.tier, List.of(u.lines.split(",")), u.jurisdiction, u.contactName,
                u.contactPhone, u.contactEmail, u.userSubject, u.active);
    }
}
