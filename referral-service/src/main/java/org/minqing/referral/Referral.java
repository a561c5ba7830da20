package org.minqing.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.minqing.events.intake.Satisfaction;
import org.minqing.events.referral.DeadlineKind;
import org.minqing.events.referral.Route;
import org.minqing.events.referral.Tier;

/** A referral (转办): one recorded case handed to whoever can act on it, chased until answered. */
@Entity
@Table(name = "referral")
public class Referral extends PanacheEntityBase {
    @Id
    public UUID id;
    public String caseId;
    public String communityCode;
    public String subdistrictCode;
    public String lineCode;
    public String address;
    public String description;
    public int households;
    public String urgency;
    public Instant caseRecordedAt;
    @Enumerated(EnumType.STRING)
    public ReferralStatus status;
    @Enumerated(EnumType.STRING)
    public Route suggestedRoute;
    public UUID suggestedUnitId;
    @Enumerated(EnumType.STRING)
    public Route route;
    public UUID unitId;
    public String representativeId;
    public boolean difficult;
    public LocalDate acknowledgeBy;
    public LocalDate returnBy;
    /** The resolve / answer deadline now in force (after acceptance, extension or reopening). */
    public LocalDate dueDate;
    @Enumerated(EnumType.STRING)
    public DeadlineKind deadlineKind;
    public Instant openedAt;
    public Instant referredAt;
    public Instant acceptedAt;
    public Instant repliedAt;
    public Boolean repliedOnTime;
    public String reply;
    public Instant informedAt;
    public Instant closedAt;
    public String outcome;
    public Integer extendedDays;
    public int reopenCount;
    public boolean reviewRequested;
    @Enumerated(EnumType.STRING)
    public Satisfaction satisfaction;
    public int repeatCount;
    public int priority;
    /** The tier now watching the deadlines (督办层级); overdue referrals move one tier up. */
    @Enumerated(EnumType.STRING)
    public Tier watchTier;
    public String watchJurisdiction;
    public UUID mergedInto;
    @Version
    public long version;
}
