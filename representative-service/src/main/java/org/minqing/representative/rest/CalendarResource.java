package org.minqing.representative.rest;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;
import org.minqing.representative.mapping.Views.CalendarView;
import org.minqing.representative.service.Access;
import org.minqing.representative.service.ReceptionDayService;

/** Monthly calendar of reception days (接访日历) per sub-district and per community. */
// One transaction per request: entities loaded here are the ones the services change.
@Transactional
@Path("/calendar")
@RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.REPRESENTATIVE,
        Roles.LIAISON_OFFICER, Roles.SERVICE })
public class CalendarResource {

    @Inject
    Access access;

    @Inject
    ReceptionDayService service;

    @Inject
    AppClock clock;

    @GET
    @Path("/subdistricts/{code}")
    public CalendarView subdistrict(@PathParam("code") String code, @QueryParam("month") String month) {
        return calendar(code, Jurisdiction.Tier.SUBDISTRICT, month);
    }

    @GET
    @Path("/communities/{code}")
    public CalendarView community(@PathParam("code") String code, @QueryParam("month") String month) {
        return calendar(code, Jurisdiction.Tier.COMMUNITY, month);
    }

    private CalendarView calendar(String code, Jurisdiction.Tier tier, String monthText) {
        if (!Jurisdiction.isValid(code) || Jurisdiction.tierOf(code) != tier) {
            throw ProblemException.validation("code", tier == Jurisdiction.Tier.COMMUNITY
                    ? "须为社区（村）一级的区划代码" : "须为街道（乡镇）一级的区划代码",
                    tier == Jurisdiction.Tier.COMMUNITY ? "must be a community-level code" : "must be a sub-district-level code");
        }
        YearMonth month;
        try {
            month = monthText == null ? YearMonth.from(clock.today()) : YearMonth.parse(monthText);
        } catch (DateTimeParseException e) {
            throw ProblemException.validation("month", "月份格式应为 2026-12", "use the form 2026-12");
        }
        Bounds.check().year("month", month.getYear()).throwIfAny();
        access.scope().requireWithin(code, "code");
        return new CalendarView(code, month.toString(),
                service.month(code, month).stream().map(service::view).toList());
    }
}
