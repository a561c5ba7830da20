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
    @Column(name = "representative_id")
    public UUID representativeId;
    @Enumerated(EnumType.STRING)
    public DutyType type;
    @Column(name = "day")
    public LocalDate date;
    public String place;
    public String participants;
    public String notes;
    public String source;
    @Column(name = "community_code")
    public String communityCode;
    @Column(name = "reception_day_id")
    public UUID receptionDayId;
    @Column(name = "referral_id")
    public String referralId;
    public String route;
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "due_date")
    public LocalDate dueDate;
    @Column(name = "suggestion_status")
    public String suggestionStatus;
    public boolean answered;
    @Column(name = "answered_on_time")
    public Boolean answeredOnTime;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "duty_record_case", joinColumns = @JoinColumn(name = "duty_record_id"))
    @Column(name = "case_id")
    public Set<String> caseIds = new LinkedHashSet<>();
}
