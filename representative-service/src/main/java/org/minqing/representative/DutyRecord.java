package org.minqing.representative;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One entry of a representative's duty archive (履职档案): entered by hand, or filled from
 * intake and referral events (reception records, suggestions and their handling).
 */
@Entity
@Table(name = "duty_record")
public class DutyRecord extends PanacheEntityBase {

    public static final String MANUAL = "MANUAL";
    public static final String EVENT = "EVENT";

    @Id
    public UUID id;
    public UUID representativeId;
    @Enumerated(EnumType.STRING)
    public DutyType type;
    @Column(name = "day")
    public LocalDate date;
    public String place;
    public String participants;
    public String notes;
    public String source;
    public String communityCode;
    public UUID receptionDayId;
    public String referralId;
    public String route;
    public String unitName;
    public LocalDate dueDate;
    public String suggestionStatus;
    public boolean answered;
    public Boolean answeredOnTime;
    public Instant createdAt;
    public Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "duty_record_case", joinColumns = @JoinColumn(name = "duty_record_id"))
    @Column(name = "case_id")
    public Set<String> caseIds = new LinkedHashSet<>();
}
