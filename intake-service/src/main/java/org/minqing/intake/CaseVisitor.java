package org.minqing.intake;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A visitor (来访人) of a case; every personal field is stored encrypted (FieldCipher, key id inside). */
@Entity
@Table(name = "case_visitor")
public class CaseVisitor extends PanacheEntityBase {
    @Id
    public UUID id;
    public UUID caseId;
    public int ordinal;
    public String nameEnc;
    public String phoneEnc;
    public String idNumberEnc;
    public String emailEnc;
    /** Keyed hash of the phone, to find a visitor's other cases without decrypting. */
    public String phoneIndex;
    public String keyId;

    public static List<CaseVisitor> ofCase(UUID caseId) {
        return list("caseId = ?1 order by ordinal", caseId);
    }
}
