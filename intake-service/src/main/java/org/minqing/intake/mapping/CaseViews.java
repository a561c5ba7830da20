package org.minqing.intake.mapping;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.minqing.events.intake.Satisfaction;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

    /**
     * A case as shown. {@code receiptCode} is the resident's credential: it is set only in the
     * answer to {@code POST /cases} (for the slip, once) and is absent from every other answer.
     */
    public record CaseDetail(
            UUID id,
            @JsonInclude(JsonInclude.Include.NON_NULL) String receiptCode,
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

        public CaseDetail withReceiptCode(String code) {
            return new CaseDetail(id, code, channel, communityCode, communityName, lineCode, lineName, address, latitude,
                    longitude, description, households, persons, groupPetition, urgency, receptionDayId, receivedOn,
                    receivingRepresentativeIds, visitorCount, anonymous, hasContact, contactsMasked, visitors, status,
                    statusLabel, expectedDate, referralId, repeatOf, repeatCount, recordedAt, timeline);
        }
    }

    /**
     * A reissued receipt code (补发回执) with what the printed slip shows; the previous code no
     * longer works. Only staff in scope get it, and each reissue is in the access log.
     */
    public record ReceiptSlip(UUID caseId, String receiptCode, LocalDate receivedOn, String communityCode,
            String communityName, String lineCode, String lineName, String status, String statusLabelZh,
            String statusLabelEn, Instant issuedAt) {
    }

    /** A search hit: no personal data. */
    public record CaseSummary(UUID id, String channel, String communityCode, String lineCode,
            String status, String urgency, boolean groupPetition, boolean repeat, int repeatCount,
            LocalDate expectedDate, Instant recordedAt, String descriptionExcerpt) {
    }

    public record CasePage(List<CaseSummary> items, String nextCursor) {
    }

    public record PublicMilestone(String kind, String labelZh, String labelEn, LocalDate date, LocalDate dueDate) {
    }

    /** The public status page: no personal data, no staff names, and no receipt code (the caller has it). */
    public record PublicStatus(String status, String statusLabelZh, String statusLabelEn,
            String lineName, LocalDate receivedOn, LocalDate expectedDate, List<PublicMilestone> milestones,
            boolean feedbackOpen) {
    }

    /** {@code POST /public/cases/status}: the code travels in the body, never in a URL that proxies log. */
    public record StatusRequest(@NotBlank @Size(max = 40) String receiptCode) {
    }

    /** {@code POST /public/cases/feedback}. */
    public record FeedbackRequest(@NotBlank @Size(max = 40) String receiptCode, @NotNull Satisfaction rating,
            @Size(max = 500) String comment) {
    }

    public record FeedbackAccepted(Satisfaction rating, Instant givenAt) {
    }

    /** The contract notification-service is written against. */
    public record Contact(String name, String phone, String email) {
    }

    /**
     * For notification-service only: the visitors' contacts and the receipt code in force, both
     * read at send time, neither stored there.
     */
    public record Contacts(String caseId, String receiptCode, List<Contact> contacts) {
    }

    /**
     * {@code POST /internal/cases/contacts}: several cases' contacts in one call (issue 16: one token
     * check and one round trip per batch of notices, not per notice). Each entry's purpose goes into
     * the access log as with the single look-up; a case may be named more than once (an SMS and an
     * e-mail of one batch), each naming is logged.
     */
    public record ContactsQuery(@NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Wanted> requests) {
    }

    public record Wanted(@NotBlank @Size(max = 36) String caseId, @Size(max = 200) String purpose) {
    }

    /** The cases found (each once, in the order first named) and those not found or not this caller's. */
    public record ContactsBatch(List<Contacts> cases, List<String> missing) {
    }

    public record AccessEntry(String accessedBy, String role, String purpose, String endpoint, Instant accessedAt) {
    }
}
