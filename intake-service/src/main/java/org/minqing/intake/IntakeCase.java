package org.minqing.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A case (接访件): one matter raised by one visit or submission, whatever the channel. */
@Entity
@Table(name = "intake_case")
public class IntakeCase extends PanacheEntityBase {
    @Id
    public UUID id;
    /** Keyed hash (HMAC) of the receipt code (回执码): the only way a case is found by its code. */
    @Column(name = "receipt_hash")
    public String receiptHash;
    /**
     * The code itself, encrypted (FieldCipher): read back only for the resident's own notices
     * (notification-service, at send time) and for an idempotent replay of the recording.
     */
    @Column(name = "receipt_code_enc")
    public String receiptCodeEnc;
    /** When the code in force was reissued (补发回执); null while it is the one handed out at recording. */
    @Column(name = "receipt_reissued_at")
    public Instant receiptReissuedAt;
    public String channel;
    @Column(name = "community_code")
    public String communityCode;
    @Column(name = "line_code")
    public String lineCode;
    public String address;
    public Double latitude;
    public Double longitude;
    public String description;
    public int households;
    public int persons;
    @Column(name = "group_petition")
    public boolean groupPetition;
    public String urgency;
    @Column(name = "reception_day_id")
    public String receptionDayId;
    @Column(name = "received_on")
    public LocalDate receivedOn;
    @Column(name = "representative_ids")
    public String representativeIds;
    @Column(name = "visitor_count")
    public int visitorCount;
    public boolean anonymous;
    @Column(name = "has_contact")
    public boolean hasContact;
    public String status;
    @Column(name = "expected_date")
    public LocalDate expectedDate;
    @Column(name = "referral_id")
    public String referralId;
    @Column(name = "assigned_unit_id")
    public String assignedUnitId;
    @Column(name = "repeat_of")
    public UUID repeatOf;
    @Column(name = "repeat_count")
    public int repeatCount;
    @Column(name = "feedback_open")
    public boolean feedbackOpen;
    /** Which round of results the visitor may rate (one rating per round, M5); a reply opens the next. */
    @Column(name = "feedback_round")
    public int feedbackRound;
    /** Optimistic lock (M5): a rating and a referral event changing the case at once do not overwrite each other. */
    @Version
    public long version;
    @Column(name = "recorded_by")
    public String recordedBy;
    @Column(name = "recorded_role")
    public String recordedRole;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> representativeIdList() {
        return representativeIds == null || representativeIds.isEmpty() ? List.of()
                : Arrays.asList(representativeIds.split(","));
    }

    /** A result is there to rate: opens the next round unless one is already open. */
    public void openFeedback() {
        if (!feedbackOpen) {
            feedbackRound++;
            feedbackOpen = true;
        }
    }

    public static IntakeCase byReferral(String referralId) {
        return find("referralId", referralId).firstResult();
    }
}
