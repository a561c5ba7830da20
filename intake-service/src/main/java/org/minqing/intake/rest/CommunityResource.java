package org.minqing.intake.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.minqing.intake.service.Communities;
import org.minqing.intake.service.Communities.CommunityFields;
import org.minqing.intake.service.Communities.CommunityView;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;

/**
 * Communities (社区) as reference data (issue 14): read by whoever records or schedules in them,
 * within their jurisdiction; added and changed by district staff and ops, and by a sub-district for
 * its own communities. Usable by new cases as soon as the write commits, with no restart.
 */
@Path("/communities")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.REPRESENTATIVE,
        Roles.LIAISON_OFFICER, Roles.OPS_ADMIN })
public class CommunityResource {

    @Inject
    Communities communities;

    @Inject
    CallerScope scope;

    @GET
    @Transactional
    public List<CommunityView> list() {
        return communities.list(scope);
    }

    @GET
    @Path("/{code}")
    @Transactional
    public CommunityView get(@PathParam("code") String code) {
        return communities.get(code, scope);
    }

    /** Adds a community (201); 409 if its code exists. */
    @POST
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.OPS_ADMIN })
    @Transactional
    public Response create(@Valid @NotNull CommunityFields req) {
        CommunityView v = communities.create(req, scope);
        return Response.created(URI.create("/communities/" + v.code())).entity(v).build();
    }

    /** Changes a community; {@code active=false} deactivates it (its cases keep it, new ones are refused). */
    @PUT
    @Path("/{code}")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.OPS_ADMIN })
    @Transactional
    public CommunityView update(@PathParam("code") String code, @Valid @NotNull CommunityFields req) {
        return communities.update(code, req, scope);
    }
}
