package org.minqing.representative;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A reception day (民情接访日): one community, one time slot, one place, a roster of representatives. */
@Entity
@Table(name = "reception_day")
public class ReceptionDay extends PanacheEntityBase {

    public static final String SCHEDULED = "SCHEDULED";
    public static final String CANCELLED = "CANCELLED";

    @Id
    public UUID id;
    public String communityCode;
    @Column(name = "day")
    public LocalDate date;
    public LocalTime startTime;
    public LocalTime endTime;
    public String place;
    public String status;
    public String cancelReason;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public int version;

    @OneToMany(mappedBy = "receptionDay", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    public List<RosterSlot> roster = new ArrayList<>();

    public Optional<RosterSlot> slotOf(UUID representativeId) {
        return roster.stream().filter(s -> s.representativeId.equals(representativeId)).findFirst();
    }

    public boolean isCancelled() {
        return CANCELLED.equals(status);
    }
}
