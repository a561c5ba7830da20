package org.minqing.referral.rest;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.minqing.kit.problem.ProblemException;
import org.minqing.referral.service.Reports;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.service.Supervisions;
import org.minqing.referral.service.Supervisions.SupervisionView;

/** 督办列表: supervision notices (督办单) of referrals in the caller's jurisdiction. */
@Path("/supervisions")
public class SupervisionResource {

    @Inject
    Supervisions supervisions;

    @Inject
    Reports reports;

    @Inject
    CallerScope scope;

    @GET
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.SERVICE })
    @Transactional
    public List<SupervisionView> list(@QueryParam("state") String state, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) {
        Supervisions.State s;
        try {
            s = state == null ? Supervisions.State.OPEN : Supervisions.State.valueOf(state.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("bad-state", "state", "状态须为 open、overdue 或 all",
                    "state must be open, overdue or all");
        }
        Reports.Period p = reports.period(from, to);
        return supervisions.list(scope.requestedOrOwn(null), s, p.start(), p.end());
    }
}
