package org.minqing.referral.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.service.WorkingCalendar;
import org.minqing.referral.service.WorkingCalendar.CalendarDay;
import org.minqing.referral.service.WorkingCalendar.DayKind;
import org.minqing.referral.service.WorkingCalendar.PeriodUnit;

/** The working calendar (工作日历): holidays and adjusted working weekends per year, and time limits computed on it. */
@Path("/calendar")
public class CalendarResource {

    @Inject
    WorkingCalendar calendar;

    @Inject
    org.minqing.referral.service.DistrictReference reference;

    @Inject
    org.minqing.kit.scope.CallerScope scope;

    public record DayEntry(@NotNull LocalDate day, @NotNull DayKind kind, @NotBlank @Size(max = 50) String name) {
    }

    public record YearRequest(@NotNull @Valid List<@NotNull @Valid DayEntry> days) {
    }

    public record DeadlineView(LocalDate from, int amount, PeriodUnit unit, LocalDate due, boolean workingDay) {
    }

    /** A year has at most 366 days, so no arrangement lists more. */
    static final int MAX_DAYS_PER_YEAR = 366;

    @GET
    @Path("/{year}")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE, Roles.OPS_ADMIN })
    @Transactional
    public List<CalendarDay> year(@PathParam("year") int year) {
        Bounds.check().year("year", year).throwIfAny();
        return calendar.year(year);
    }

    /** The years with an official arrangement loaded (operators add the next one before it starts). */
    @GET
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE, Roles.OPS_ADMIN })
    @Transactional
    public java.util.SortedSet<Integer> years() {
        return calendar.coveredYears();
    }

    /**
     * Loads a year's official arrangement (e.g. 2027 when the State Council publishes it): district
     * staff or ops-admin (issue 14; one calendar for the whole district, so no sub-district).
     */
    @PUT
    @Path("/{year}")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.OPS_ADMIN })
    @Transactional
    public List<CalendarDay> put(@PathParam("year") int year, @Valid @NotNull YearRequest req) {
        // Issue 14 (ADR 0021): a sub-district's piece takes the district's calendar by events, never edits it.
        reference.requireSource("year", "工作日历", "working calendar years");
        Bounds.check().year("year", year).number("days", req.days().size(), 0, MAX_DAYS_PER_YEAR).throwIfAny();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < req.days().size(); i++) {
            if (req.days().get(i).day().getYear() != year) {
                errors.add(Problem.FieldError.of("days[" + i + "].day", "日期不在 " + year + " 年内",
                        "the date is not in " + year));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        // written, audited and published to the other pieces in this transaction
        return reference.setYear(year, req.days().stream().map(d -> new CalendarDay(d.day(), d.kind(), d.name())).toList(),
                scope.actor(), org.minqing.kit.scope.Jurisdiction.at(scope.ownOrForbidden(),
                        org.minqing.kit.scope.Jurisdiction.Tier.DISTRICT));
    }

    /** Computes a time limit, e.g. {@code ?from=2025-09-20&amount=15&unit=CALENDAR_DAYS}. */
    @GET
    @Path("/deadline")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE, Roles.OPS_ADMIN })
    @Transactional
    public DeadlineView deadline(@QueryParam("from") @NotNull LocalDate from,
            @QueryParam("amount") @NotNull Integer amount, @QueryParam("unit") @NotNull PeriodUnit unit) {
        // Bounded before the day-by-day arithmetic runs: an unbounded amount kept a thread busy for minutes (H3).
        Bounds.check().date("from", from)
                .number("amount", amount, 0, unit == PeriodUnit.MONTHS ? WorkingCalendar.MAX_MONTHS : WorkingCalendar.MAX_DAYS)
                .throwIfAny();
        LocalDate due = calendar.add(from, amount, unit);
        return new DeadlineView(from, amount, unit, due, calendar.isWorkingDay(due));
    }
}
