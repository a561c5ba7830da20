package org.minqing.intake.mapping;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.minqing.events.intake.IntakeChannel;
import org.minqing.events.intake.Urgency;

/**
 * A case to record (接访登记). No visitors means an anonymous visit. {@code receivedOn} defaults to
 * today; for the reception-day channel it must be that reception day's date.
 */
public record CaseRequest(
        @NotNull IntakeChannel channel,
        @Size(max = 100) String receptionDayId,
        LocalDate receivedOn,
        @Size(max = 50) List<@NotNull @Valid VisitorInput> visitors,
        @Min(1) @Max(100000) Integer households,
        @Min(1) @Max(1000000) Integer persons,
        @NotBlank @Size(max = 40) String lineCode,
        @NotBlank @Pattern(regexp = "\\d{12}", message = "须为12位区划代码 / must be a 12-digit division code") String communityCode,
        @Size(max = 500) String address,
        @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @NotBlank @Size(max = 4000) String description,
        Urgency urgency,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> receivingRepresentativeIds) {
}
