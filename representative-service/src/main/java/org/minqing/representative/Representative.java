package org.minqing.representative;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

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
    public LocalDate termStart;
    public LocalDate termEnd;
    public String constituencyCode;
    public String liaisonStation;
    public String phoneEnc;
    public String phoneIndex;
    public String emailEnc;
    public String userSubject;
    public boolean active;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public int version;

    /** Every representative whose constituency lies within {@code scopeCode}: a code range, which an index serves (L9). */
    public static List<Representative> inScope(String scopeCode) {
        return list("constituencyCode between ?1 and ?2 order by name",
                org.minqing.kit.scope.Jurisdiction.lowest(scopeCode), org.minqing.kit.scope.Jurisdiction.highest(scopeCode));
    }
}
