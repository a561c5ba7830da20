package org.minqing.intake.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.minqing.kit.scope.Roles;
import org.minqing.intake.service.IntakeReports;
import org.minqing.intake.service.IntakeReports.HotIssues;
import org.minqing.intake.service.IntakeReports.WorkReport;
import org.minqing.kit.scope.CallerScope;

/** Intake's dashboards (热点问题) and its part of the work report (工作汇报), scoped to the caller. */
@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

    @Inject
    IntakeReports reports;

    @Inject
    CallerScope scope;

    @GET
    @Path("/hot-issues")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    public HotIssues hotIssues(@QueryParam("jurisdiction") String jurisdiction, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        IntakeReports.Period p = reports.period(from, to, reports.yearOfMonthsStart());
        return reports.hotIssues(scope.requestedOrOwn(jurisdiction), p);
    }

    @GET
    @Path("/work")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.SERVICE })
    @Transactional
    public WorkReport work(@QueryParam("jurisdiction") String jurisdiction, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        IntakeReports.Period p = reports.period(from, to, reports.monthStart());
        return reports.work(scope.requestedOrOwn(jurisdiction), p);
    }
}
