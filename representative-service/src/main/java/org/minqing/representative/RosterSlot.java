package org.minqing.representative;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One representative on a reception day's roster (接访名单), with their answer and attendance. */
@Entity
@Table(name = "roster_slot")
public class RosterSlot extends PanacheEntityBase {

    public static final String INVITED = "INVITED";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String DECLINED = "DECLINED";

    @Id
    public UUID id;
    @ManyToOne
    @JoinColumn(name = "reception_day_id")
    public ReceptionDay receptionDay;
    public UUID representativeId;
    public String status;
    public String declineReason;
    public boolean attended;
    public boolean absent;
}
