package org.minqing.referral.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.minqing.referral.HandlingUnit;
import org.minqing.referral.service.DeadlinePolicies;
import org.minqing.referral.service.WorkingCalendar;
import org.minqing.referral.service.WorkingCalendar.CalendarDay;
import org.minqing.referral.service.WorkingCalendar.DayKind;
import org.minqing.referral.service.WorkingCalendar.PeriodUnit;

/** Reference data kept as data: handling units, the working calendar, the deadline policy. */
public class AdminResources {


    /** 承办单位. */
    @Path("/units")
    public static class Units {

        public record UnitRequest(
                @NotBlank @Size(max = 200) String name,
                @NotNull HandlingUnit.UnitTier tier,
                @NotBlank @Size(max = 500) String lines,
                @NotBlank @Pattern(regexp = "\\d{12}", message = "须为12位区划代码 / must be a 12-digit division code") String jurisdiction,
                @Size(max = 100) String contactName,
                @Size(max = 50) String contactPhone,
                @Size(max = 200) String contactEmail,
                Boolean active) {
        }

        public record UnitView(UUID id, String name, HandlingUnit.UnitTier tier, List<String> lines, String jurisdiction,
                String contactName, String contactPhone, String contactEmail, boolean active) {
            static UnitView of(HandlingUnit u) {
                return new UnitView(u.id, u.name, u.tier, List.of(u.lines.split(",")), u.jurisdiction, u.contactName,
                        u.contactPhone, u.contactEmail, u.active);
            }
        }

        @GET
        @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
                Roles.REPRESENTATIVE, Roles.SERVICE, Roles.OPS_ADMIN })
        @Transactional
        public List<UnitView> list(@QueryParam("tier") HandlingUnit.UnitTier tier, @QueryParam("line") String line) {
            return HandlingUnit.<HandlingUnit>listAll().stream()
                    .filter(u -> tier == null || u.tier == tier)
                    .filter(u -> line == null || u.handlesLine(line))
                    .sorted((a, b) -> a.jurisdiction.compareTo(b.jurisdiction))
                    .map(UnitView::of).toList();
        }

        @GET
        @Path("/{id}")
        @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
                Roles.REPRESENTATIVE, Roles.SERVICE, Roles.OPS_ADMIN })
        @Transactional
        public UnitView get(@PathParam("id") UUID id) {
            HandlingUnit u = HandlingUnit.findById(id);
            if (u == null) {
                throw ProblemException.notFound("承办单位 / handling unit");
            }
            return UnitView.of(u);
        }

        /** Adds or changes a unit without a release (ops-admin). */
        @PUT
        @Path("/{id}")
        @RolesAllowed(Roles.OPS_ADMIN)
        @Transactional
        public UnitView put(@PathParam("id") UUID id, @Valid @NotNull UnitRequest req) {
            HandlingUnit u = HandlingUnit.findById(id);
            boolean created = u == null;
            if (created) {
                u = new HandlingUnit();
                u.id = id;
            }
            u.name = req.name();
            u.tier = req.tier();
            u.lines = req.lines().replace(" ", "");
            u.jurisdiction = req.jurisdiction();
            u.contactName = req.contactName();
            u.contactPhone = req.contactPhone();
            u.contactEmail = req.contactEmail();
            u.active = req.active() == null || req.active();
            if (created) {
                u.persist();
            }
            return UnitView.of(u);
        }
    }

    /** 工作日历: holidays and adjusted working weekends per year. */
    @Path("/calendar")
    public static class Calendar {

        @Inject
        WorkingCalendar calendar;

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

        /** Loads a year's official arrangement (e.g. 2027 when the State Council publishes it). */
        @PUT
        @Path("/{year}")
        @RolesAllowed(Roles.OPS_ADMIN)
        @Transactional
        public List<CalendarDay> put(@PathParam("year") int year, @Valid @NotNull YearRequest req) {
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
            calendar.replaceYear(year, req.days().stream().map(d -> new CalendarDay(d.day(), d.kind(), d.name())).toList());
            return calendar.year(year);
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

    /** Remit rules (转办规则): line × scope → the route and unit to pre-fill. */
    @Path("/routing-rules")
    public static class RoutingRules {

        @Inject
        jakarta.persistence.EntityManager em;

        public record RuleRequest(
                @NotBlank @Size(max = 64) String lineCode,
                @NotBlank @Pattern(regexp = "\\d{12}", message = "须为12位区划代码 / must be a 12-digit division code") String scopeCode,
                @NotNull org.minqing.events.referral.Route route,
                @NotNull UUID unitId) {
        }

        public record RuleView(String lineCode, String scopeCode, String route, UUID unitId) {
        }

        @GET
        @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.SERVICE, Roles.OPS_ADMIN })
        @Transactional
        public List<RuleView> list() {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                    "select line_code, scope_code, route, unit_id from routing_rule order by line_code, scope_code").getResultList();
            return rows.stream().map(r -> new RuleView((String) r[0], String.valueOf(r[1]), (String) r[2],
                    UUID.fromString(String.valueOf(r[3])))).toList();
        }

        /** Adds or replaces the rule for a line and scope (ops-admin). */
        @PUT
        @RolesAllowed(Roles.OPS_ADMIN)
        @Transactional
        public RuleView put(@Valid @NotNull RuleRequest req) {
            if (HandlingUnit.findById(req.unitId()) == null) {
                throw ProblemException.unprocessable("unknown-unit", "unitId", "承办单位不存在", "no handling unit with this id");
            }
            em.createNativeQuery("""
                    insert into routing_rule (line_code, scope_code, route, unit_id) values (:l, :s, :r, :u)
                    on conflict (line_code, scope_code) do update set route = excluded.route, unit_id = excluded.unit_id""")
                    .setParameter("l", req.lineCode()).setParameter("s", req.scopeCode())
                    .setParameter("r", req.route().name()).setParameter("u", req.unitId()).executeUpdate();
            return new RuleView(req.lineCode(), req.scopeCode(), req.route().name(), req.unitId());
        }
    }

    /** 办理时限: the deadline policy table. */
    @Path("/deadline-policies")
    public static class Policies {

        @Inject
        DeadlinePolicies policies;

        public record PolicyRequest(
                @NotBlank @Pattern(regexp = "[A-Z_]+") String kind,
                @NotBlank @Pattern(regexp = "\\*|[A-Z_]+") String route,
                @NotNull Integer amount,
                @NotNull PeriodUnit unit,
                @NotBlank @Size(max = 500) String basis) {
        }

        @GET
        @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
                Roles.REPRESENTATIVE, Roles.SERVICE, Roles.OPS_ADMIN })
        @Transactional
        public List<DeadlinePolicies.Policy> list() {
            return policies.all();
        }

        @PUT
        @RolesAllowed(Roles.OPS_ADMIN)
        @Transactional
        public List<DeadlinePolicies.Policy> put(@Valid @NotNull PolicyRequest req) {
            Bounds.check().number("amount", req.amount(), 1,
                    req.unit() == PeriodUnit.MONTHS ? WorkingCalendar.MAX_MONTHS : WorkingCalendar.MAX_DAYS).throwIfAny();
            policies.put(new DeadlinePolicies.Policy(req.kind(), req.route(), req.amount(), req.unit(), req.basis()));
            return policies.all();
        }
    }
}
