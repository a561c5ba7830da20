package org.minqing.referral.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.service.ReferenceAudit;

/**
 * The audit trail of referral's reference data (参考数据变更记录, issue 14): who changed a handling
 * unit, a remit rule, a time limit or a calendar year, when, and what it was before and after. Read
 * by district staff and ops, who answer for the district's reference data; a deployment holds only
 * its district's (and, in a sub-district's piece, what it applied from the district's events, with
 * the district's actor).
 */
@Path("/reference-changes")
@Produces(MediaType.APPLICATION_JSON)
public class ReferenceChangeResource {

    static final int MAX_LIMIT = 200;

    @Inject
    ReferenceAudit audit;

    @GET
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.OPS_ADMIN })
    @Transactional
    @Operation(summary = "参考数据变更记录 / Changes to units, remit rules, time limits and the calendar")
    public List<ReferenceAudit.Change> list(@QueryParam("kind") String kind, @QueryParam("key") String key,
            @QueryParam("before") Long before, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (kind != null && !ReferenceAudit.KINDS.contains(kind)) {
            throw Bounds.outOfRange(List.of(Problem.FieldError.of("kind", "须为 " + String.join("、", ReferenceAudit.KINDS) + " 之一",
                    "must be one of " + String.join(", ", ReferenceAudit.KINDS))));
        }
        if (key != null && (key.isBlank() || key.length() > 100)) {
            throw Bounds.outOfRange("key", "须为 1 到 100 个字符", "must be 1 to 100 characters");
        }
        Bounds.check().number("before", before, 1, Long.MAX_VALUE).number("limit", limit, 1, MAX_LIMIT).throwIfAny();
        return audit.list(kind, key, before, limit);
    }
}
