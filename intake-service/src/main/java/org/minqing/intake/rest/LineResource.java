package org.minqing.intake.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.minqing.intake.service.Lines;
import org.minqing.intake.service.Lines.LineFields;
import org.minqing.intake.service.Lines.LineView;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;

/**
 * Lines (条线) as reference data (issue 14, ADR 0021): read by whoever records cases; added and
 * changed by the district (district staff of the district, ops-admin) in the district's piece only.
 * Usable by new cases as soon as the write commits, with no restart; the other pieces get them by events.
 */
@Path("/lines")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.REPRESENTATIVE,
        Roles.LIAISON_OFFICER, Roles.OPS_ADMIN })
public class LineResource {

    @Inject
    Lines lines;

    @Inject
    CallerScope scope;

    @GET
    @Transactional
    public List<LineView> list() {
        scope.ownOrForbidden(); // fails closed without a jurisdiction, like every list
        return lines.list();
    }

    /**
     * Adds a line (201); 409 if its code exists. The roles that read may call it so that a refusal
     * names the field (403); only the district's staff and ops-admin get through. The body is
     * validated after that check ({@link Lines}), so a refused caller learns nothing from it.
     */
    @POST
    @Transactional
    public Response create(@NotNull LineFields req) {
        LineView v = lines.create(req, scope);
        return Response.created(URI.create("/lines/" + v.code())).entity(v).build();
    }

    /** Changes a line; {@code active=false} deactivates it (its cases keep it, new ones are refused). */
    @PUT
    @Path("/{code}")
    @Transactional
    public LineView update(@PathParam("code") String code, @NotNull LineFields req) {
        return lines.update(code, req, scope);
    }
}
