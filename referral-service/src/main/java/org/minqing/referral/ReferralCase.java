package org.minqing.referral;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A case behind a referral: the original one, or a repeat petition (重复信访) linked to it. */
@Entity
@Table(name = "referral_case")
public class ReferralCase extends PanacheEntityBase {
    @Id
    public String caseId;
    public UUID referralId;
    public boolean repeat;
    public String communityCode;
    public String lineCode;
    public String address;
    public String description;
    public int households;
    public String urgency;
    public Instant recordedAt;
    public Instant linkedAt;
    public Double similarity;
}
