package org.minqing.intake.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.minqing.events.intake.Satisfaction;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What intake's API returns and accepts besides a new case. */
public final class CaseViews {

    private CaseViews() {
    }

    /** A visitor as shown: full for staff in scope (and logged), masked for everyone else. */
    public record VisitorView(String name, String phone, String idNumber, String email, boolean masked) {
    }

    /** One step of the timeline; {@code detail} is staff-only (unit names, replies, reasons). */
    public record MilestoneView(String kind, String labelZh, String labelEn, String detail, LocalDate dueDate,
            Instant occurredAt) {
    }

    public record CaseDetail(
            UUID id,
            String receiptCode,
            String channel,
            String communityCode,
            String communityName,
            String lineCode,
            String lineName,
            String address,
            Double latitude,
            Double longitude,
            String description,
            int households,
            int persons,
            boolean groupPetition,
            String urgency,
            String receptionDayId,
            LocalDate receivedOn,
            List<String> receivingRepresentativeIds,
            int visitorCount,
            boolean anonymous,
            boolean hasContact,
            boolean contactsMasked,
            List<VisitorView> visitors,
            String status,
            String statusLabel,
            LocalDate expectedDate,
            String referralId,
            UUID repeatOf,
            int repeatCount,
            Instant recordedAt,
            List<MilestoneView> timeline) {
    }

    /** A search hit: no personal data. */
    public record CaseSummary(UUID id, String receiptCode, String channel, String communityCode, String lineCode,
            String status, String urgency, boolean groupPetition, boolean repeat, int repeatCount,
            LocalDate expectedDate, Instant recordedAt, String descriptionExcerpt) {
    }

    public record CasePage(List<CaseSummary> items, String nextCursor) {
    }

    public record PublicMilestone(String kind, String labelZh, String labelEn, LocalDate date, LocalDate dueDate) {
    }

    /** The public status page: no personal data, no staff names. */
    public record PublicStatus(String receiptCode, String status, String statusLabelZh, String statusLabelEn,
            String lineName, LocalDate receivedOn, LocalDate expectedDate, List<PublicMilestone> milestones,
            boolean feedbackOpen) {
    }

    public record FeedbackRequest(@NotNull Satisfaction rating, @Size(max = 500) String comment) {
    }

    public record FeedbackAccepted(String receiptCode, Satisfaction rating, Instant givenAt) {
    }

    /** The contract notification-service is written against. */
    public record Contact(String name, String phone, String email) {
    }

    public record Contacts(String caseId, List<Contact> contacts) {
    }

    public record AccessEntry(String accessedBy, String role, String purpose, String endpoint, Instant accessedAt) {
    }
}
