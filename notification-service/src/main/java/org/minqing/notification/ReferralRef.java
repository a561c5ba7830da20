package org.minqing.notification;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What we keep of a referral (转办): its unit and, for suggestions, the representative. */
@Entity
@Table(name = "referral_ref")
public class ReferralRef extends PanacheEntityBase {
    @Id
    @Column(name = "referral_id")
    public String referralId;
    @Column(name = "case_id")
    public String caseId;
    @Column(name = "unit_id")
    public String unitId;
    @Column(name = "unit_name")
    public String unitName;
    @Column(name = "representative_id")
    public String representativeId;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
