package org.minqing.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A supervision notice (督办单) to the unit holding a referral, with the date it must reply by.
 * Answered by the unit's next progress note or reply (or the referral closing); past its date
 * unanswered, the deadline scheduler flags it overdue and escalates the referral.
 */
@Entity
@Table(name = "supervision")
public class Supervision extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID referralId;
    public UUID unitId;
    public String note;
    public LocalDate replyBy;
    public Instant issuedAt;
    public String issuedBy;
    public Instant answeredAt;
    public Instant overdueAt;
}
