package org.minqing.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
    public String receiptHash;
    /**
     * The code itself, encrypted (FieldCipher): read back only for the resident's own notices
     * (notification-service, at send time) and for an idempotent replay of the recording.
     */
    public String receiptCodeEnc;
    /** When the code in force was reissued (补发回执); null while it is the one handed out at recording. */
    public Instant receiptReissuedAt;
    public String channel;
    public String communityCode;
    public String lineCode;
    public String address;
    public Double latitude;
    public Double longitude;
    public String description;
    public int households;
    public int persons;
    public boolean groupPetition;
    public String urgency;
    public String receptionDayId;
    public LocalDate receivedOn;
    public String representativeIds;
    public int visitorCount;
    public boolean anonymous;
    public boolean hasContact;
    public String status;
    public LocalDate expectedDate;
    public String referralId;
    public String assignedUnitId;
    public UUID repeatOf;
    public int repeatCount;
    public boolean feedbackOpen;
    /** Which round of results the visitor may rate (one rating per round, M5); a reply opens the next. */
    public int feedbackRound;
    /** Optimistic lock (M5): a rating and a referral event changing the case at once do not overwrite each other. */
    @Version
    public long version;
    public String recordedBy;
    public String recordedRole;
    public Instant recordedAt;
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
