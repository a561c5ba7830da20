package org.minqing.representative;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A community liaison officer (人大联络员/信息员) who gathers opinions between reception days. */
@Entity
@Table(name = "liaison_officer")
public class LiaisonOfficer extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    public String communityCode;
    public String phoneEnc;
    public String emailEnc;
    public String userSubject;
    public boolean active;
    public Instant createdAt;
}
