package org.minqing.representative;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RepresentativeLevel;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A representative (两代表一委员): deputy, delegate or CPPCC member, with an encrypted contact. */
@Entity
@Table(name = "representative")
public class Representative extends PanacheEntityBase {

    @Id
    public UUID id;
    public String name;
    @Enumerated(EnumType.STRING)
    public RepresentativeKind kind;
    @Enumerated(EnumType.STRING)
    public RepresentativeLevel level;
    @Column(name = "term_start")
    public LocalDate termStart;
    @Column(name = "term_end")
    public LocalDate termEnd;
    @Column(name = "constituency_code")
    public String constituencyCode;
    @Column(name = "liaison_station")
    public String liaisonStation;
    @Column(name = "phone_enc")
    public String phoneEnc;
    @Column(name = "phone_index")
    public String phoneIndex;
    @Column(name = "email_enc")
    public String emailEnc;
    @Column(name = "user_subject")
    public String userSubject;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    /** Every representative whose constituency lies within {@code scopeCode}: a code range, which an index serves (L9). */
    public static List<Representative> inScope(String scopeCode) {
        return list("constituencyCode between ?1 and ?2 order by name",
                org.minqing.kit.scope.Jurisdiction.lowest(scopeCode), org.minqing.kit.scope.Jurisdiction.highest(scopeCode));
    }
}
