package org.minqing.referral.service;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.minqing.kit.problem.ProblemException;
import org.minqing.referral.HandlingUnit;

/**
 * Handling units (承办单位) as reference data: listed, looked up, and added or changed without a
 * release. A unit is deactivated, never deleted, so its referrals keep their history.
 */
@ApplicationScoped
public class HandlingUnits {

    /** What an operator sets on a unit. */
    public record UnitFields(
            @NotBlank @Size(max = 200) String name,
            @NotNull HandlingUnit.UnitTier tier,
            @NotBlank @Size(max = 500) String lines,
            @NotBlank @Pattern(regexp = "\\d{12}", message = "须为12位区划代码 / must be a 12-digit division code") String jurisdiction,
            @Size(max = 100) String contactName,
            @Size(max = 50) String contactPhone,
            @Size(max = 200) String contactEmail,
            Boolean active) {
    }

    public List<HandlingUnit> list(HandlingUnit.UnitTier tier, String line) {
        return HandlingUnit.<HandlingUnit>listAll().stream()
                .filter(u -> tier == null || u.tier == tier)
                .filter(u -> line == null || u.handlesLine(line))
                .sorted(Comparator.comparing(u -> u.jurisdiction))
                .toList();
    }

    public HandlingUnit get(UUID id) {
        HandlingUnit u = HandlingUnit.findById(id);
        if (u == null) {
            throw ProblemException.notFound("承办单位 / handling unit");
        }
        return u;
    }

    /** Adds the unit under {@code id}, or changes it. */
    public HandlingUnit put(UUID id, UnitFields f) {
        HandlingUnit u = HandlingUnit.findById(id);
        boolean created = u == null;
        if (created) {
            u = new HandlingUnit();
            u.id = id;
        }
        u.name = f.name();
        u.tier = f.tier();
        u.lines = f.lines().replace(" ", "");
        u.jurisdiction = f.jurisdiction();
        u.contactName = f.contactName();
        u.contactPhone = f.contactPhone();
        u.contactEmail = f.contactEmail();
        u.active = f.active() == null || f.active();
        if (created) {
            u.persist();
        }
        return u;
    }
}
