package org.minqing.notification;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A reception day (民情接访日) as far as notices need it: when, where, who is rostered. */
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
    /** Representative ids, comma list. */
    public String roster;
    public boolean cancelled;
    public boolean reminderPlanned;
    public String correlationId;

    /** For JPA. */
    public ReceptionDay() {
    }

    /** A day not seen before. */
    public ReceptionDay(String id) {
        this.id = id;
    }

    /** When and where the day is held, as scheduled or rescheduled. */
    public void holdOn(LocalDate day, LocalTime startTime, LocalTime endTime, String place) {
        this.day = day;
        this.startTime = startTime;
        this.endTime = endTime;
        this.place = place;
    }

    /** Stores the roster's representative ids as the comma list. */
    public void rosterIds(List<String> representativeIds) {
        this.roster = String.join(",", representativeIds);
    }

    public List<String> rosterIds() {
        return roster == null || roster.isBlank() ? List.of() : Arrays.asList(roster.split(","));
    }
}
