package org.minqing.notification;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What we keep of a referral (转办): its unit and, for suggestions, the representative. */
@Entity
@Table(name = "referral_ref")
public class ReferralRef extends PanacheEntityBase {
    @Id
    public String referralId;
    public String caseId;
    public String unitId;
    public String unitName;
    public String representativeId;
    public Instant updatedAt;

    /** For JPA. */
    public ReferralRef() {
    }

    /** A referral not seen before. */
    public ReferralRef(String referralId) {
        this.referralId = referralId;
    }
}
