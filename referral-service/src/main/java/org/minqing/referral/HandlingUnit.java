package org.minqing.referral;

import java.util.Arrays;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A handling unit (承办单位): community office, sub-district department, district bureau or city unit. */
@Entity
@Table(name = "handling_unit")
public class HandlingUnit extends PanacheEntityBase {

    /** Tiers of handling units; CITY lies beyond the platform's district. */
    public enum UnitTier { COMMUNITY, SUBDISTRICT, DISTRICT, CITY }

    @Id
    public UUID id;
    public String name;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public UnitTier tier;
    /** Comma-separated line codes (条线), or {@code *} for every line. */
    public String lines;
    public String jurisdiction;
    public String contactName;
    public String contactPhone;
    public String contactEmail;
    /** The account name the unit signs in with (e.g. {@code unit.housing}); its in-app inbox (ADR 0009). */
    public String userSubject;
    public boolean active = true;
    /** Whether this state went out as {@code referral.unit.changed}; false for rows a migration wrote. */
    public boolean announced;

    public boolean handlesLine(String line) {
        return Arrays.stream(lines.split(",")).map(String::trim).anyMatch(l -> l.equals("*") || l.equals(line));
    }
}
