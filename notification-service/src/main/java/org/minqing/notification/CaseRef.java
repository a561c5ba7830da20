package org.minqing.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What we keep of a case (案件) to address the resident: neither the contact nor the receipt code
 * (回执码); both are fetched from intake-service when a notice is sent, and never stored here.
 */
@Entity
@Table(name = "case_ref")
public class CaseRef extends PanacheEntityBase {
    @Id
    public String caseId;
    public String communityCode;
    public boolean hasContact;
    public boolean urgent;
}
