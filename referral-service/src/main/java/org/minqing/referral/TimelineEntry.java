package org.minqing.referral;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a referral's history (办理记录): who did what, when, and why. */
@Entity
@Table(name = "referral_timeline")
public class TimelineEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID referralId;
    public Instant at;
    public String actor;
    public String actorRole;
    public String action;
    public String fromStatus;
    public String toStatus;
    public String reason;
}
