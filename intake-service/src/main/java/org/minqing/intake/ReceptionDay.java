package org.minqing.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Intake's own copy of a reception day (民情接访日) and its roster, kept from
 * representative-service events so recording never needs a synchronous call.
 */
@Entity
@Table(name = "reception_day")
public class ReceptionDay extends PanacheEntityBase {
    @Id
    public String id;
    public String communityCode;
    public LocalDate day;
    public LocalTime startTime;
    public LocalTime endTime;
    public String place;
    /** Representative ids on the roster, comma-separated. */
    public String roster;
    public boolean cancelled;
    public Instant updatedAt;

    public List<String> rosterIds() {
        return roster == null || roster.isEmpty() ? List.of() : Arrays.asList(roster.split(","));
    }
}
