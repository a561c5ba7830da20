package org.minqing.referral.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.minqing.kit.export.XlsxDownload;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.HandlingUnit;
import org.minqing.referral.service.ReferralAccess;
import org.minqing.referral.service.ReferralExports;
import org.minqing.referral.service.Reports;
import org.minqing.referral.service.Reports.OpenWork;
import org.minqing.referral.service.Reports.UnitReport;
import org.minqing.referral.service.Reports.UnitSummary;
import org.minqing.referral.service.Reports.WorkReport;

/**
 * Reports: a unit's record (承办单位考核), the unit scoreboard, the open work now and the work
 * report (工作汇报) for a period and jurisdiction. Each only counts what the caller may see; the
 * queries and arithmetic are in {@link Reports}.
 */
@Path("/reports")
public class ReportResource {

    @Inject
    CallerScope scope;

    @Inject
    ReferralAccess access;

    @Inject
    Reports reports;

    @Inject
    ReferralExports exports;

    /** 承办单位履职记录: referrals handed to the unit in [from, to]. */
    @GET
    @Path("/units/{unitId}")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.SERVICE })
    @Transactional
    public UnitReport unit(@PathParam("unitId") UUID unitId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        Reports.Period p = reports.period(from, to);
        HandlingUnit unit = HandlingUnit.findById(unitId);
        boolean ownUnit = scope.unitId().map(u -> u.equals(unitId.toString())).orElse(false);
        boolean unitOnly = access.isUnitOnly();
        if (unit == null || unitOnly && !ownUnit) {
            throw ProblemException.notFound("承办单位 / handling unit");
        }
        return reports.unit(unit, p, unitOnly ? null : scope.requestedOrOwn(null));
    }

    /** 承办单位记分牌: units ranked (default: least responsive first, the seed's 不回应的单位). */
    @GET
    @Path("/units")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.SERVICE })
    @Transactional
    public List<UnitSummary> units(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("jurisdiction") String jurisdiction, @QueryParam("sort") String sort) {
        Reports.Period p = reports.period(from, to);
        return reports.scoreboard(p, scope.requestedOrOwn(jurisdiction), sort(sort));
    }

    /** The scoreboard as XLSX, same parameters and order. */
    @GET
    @Path("/units/export.xlsx")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF })
    @Transactional
    public Response unitsExport(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to,
            @QueryParam("jurisdiction") String jurisdiction, @QueryParam("sort") String sort) {
        Reports.Period p = reports.period(from, to);
        // one row per unit: a few hundred at most, so computed here and written out
        List<UnitSummary> rows = reports.scoreboard(p, scope.requestedOrOwn(jurisdiction), sort(sort));
        return XlsxDownload.of("unit-scoreboard", "承办单位记分牌", out -> exports.writeScoreboard(rows, p, out));
    }

    /** 在办工作: open referrals by status and tier, approaching and overdue, escalations, supervisions. */
    @GET
    @Path("/open-work")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.SERVICE })
    @Transactional
    public OpenWork openWork(@QueryParam("jurisdiction") String jurisdiction) {
        return reports.openWork(scope.requestedOrOwn(jurisdiction));
    }

    /** 工作汇报: cases by line and place, referrals by route, handled, on time, closed, satisfaction, repeats. */
    @GET
    @Path("/work")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.SERVICE })
    @Transactional
    public WorkReport work(@QueryParam("jurisdiction") String jurisdiction, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        Reports.Period p = reports.period(from, to);
        return reports.work(p, scope.requestedOrOwn(jurisdiction));
    }

    private static Reports.Sort sort(String sort) {
        if (sort == null) {
            return Reports.Sort.responseRate;
        }
        try {
            return Reports.Sort.valueOf(sort);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("bad-sort", "sort",
                    "排序须为 responseRate、onTimeResolutionRate、satisfactionRate、repeatRate 或 overdue",
                    "sort must be responseRate, onTimeResolutionRate, satisfactionRate, repeatRate or overdue");
        }
    }
}
