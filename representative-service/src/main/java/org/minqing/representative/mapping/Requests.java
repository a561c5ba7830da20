package org.minqing.representative.mapping;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.minqing.events.representative.RepresentativeKind;
import org.minqing.events.representative.RepresentativeLevel;
import org.minqing.representative.DutyType;

/** What clients send. Bean Validation names the field in a 400; semantic checks live in the services. */
public final class Requests {

    /** Mainland mobile or a landline with area code. */
    public static final String PHONE = "^(1\\d{10}|0\\d{2,3}-?\\d{7,8})$";
    public static final String CODE = "^\\d{12}$";

    private Requests() {
    }

    /**
     * Registers or updates a representative. {@code id} is optional on registration so that an SSO
     * account whose token carries {@code representative_id} can be linked to this record.
     */
    public record RepresentativeRequest(
            UUID id,
            @NotBlank @Size(max = 50) String name,
            @NotNull RepresentativeKind kind,
            RepresentativeLevel level,
            @NotNull LocalDate termStart,
            @NotNull LocalDate termEnd,
            @NotBlank @Pattern(regexp = CODE) String constituencyCode,
            @Size(max = 100) String liaisonStation,
            @Pattern(regexp = PHONE) String phone,
            @Email @Size(max = 100) String email,
            @Size(max = 100) String userSubject,
            Boolean active) {
    }

    public record LiaisonOfficerRequest(
            UUID id,
            @NotBlank @Size(max = 50) String name,
            @NotBlank @Pattern(regexp = CODE) String communityCode,
            @Pattern(regexp = PHONE) String phone,
            @Email @Size(max = 100) String email,
            @Size(max = 100) String userSubject) {
    }

    public record ScheduleRequest(
            @NotBlank @Pattern(regexp = CODE) String communityCode,
            @NotNull LocalDate date,
            @NotNull LocalTime startTime,
            @NotNull LocalTime endTime,
            @NotBlank @Size(max = 200) String place,
            @NotEmpty @Size(max = 20) List<@NotNull UUID> representativeIds) {
    }

    public record RosterRequest(@NotEmpty @Size(max = 20) List<@NotNull UUID> representativeIds) {
    }

    public record RescheduleRequest(
            @NotNull LocalDate date,
            @NotNull LocalTime startTime,
            @NotNull LocalTime endTime,
            @NotBlank @Size(max = 200) String place,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record ReasonRequest(@NotBlank @Size(max = 500) String reason) {
    }

    public record DeclineRequest(@Size(max = 500) String reason) {
    }

    public record AttendanceRequest(@NotEmpty @Size(max = 20) List<@NotNull UUID> representativeIds) {
    }

    public record DutyRecordRequest(
            @NotNull DutyType type,
            @NotNull LocalDate date,
            @Size(max = 200) String place,
            @Size(max = 500) String participants,
            @Size(max = 2000) String notes,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> caseIds) {
    }

    public record VoterContactRequest(
            @NotBlank @Size(max = 50) String name,
            @Pattern(regexp = PHONE) String phone,
            @Size(max = 200) String address,
            @Size(max = 500) String notes) {
    }
}
