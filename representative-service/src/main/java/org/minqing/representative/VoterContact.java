package org.minqing.representative;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A voter the representative keeps in contact with (选民联系名单); name and phone encrypted at rest. */
@Entity
@Table(name = "voter_contact")
public class VoterContact extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID representativeId;
    public String nameEnc;
    public String phoneEnc;
    public String address;
    public String notes;
    public Instant createdAt;
}
