package org.minqing.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One step of a case's timeline (办理进程). {@code publicView} steps appear on the public status
 * page with their label and date only; {@code detail} (unit names, replies, reasons) is staff-only.
 */
@Entity
@Table(name = "case_milestone")
public class CaseMilestone extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID caseId;
    public UUID eventId;
    public String kind;
    public String labelZh;
    public String labelEn;
    public String detail;
    public LocalDate dueDate;
    public boolean publicView;
    public Instant occurredAt;

    public static List<CaseMilestone> ofCase(UUID caseId) {
        return list("caseId = ?1 order by occurredAt, id", caseId);
    }
}
