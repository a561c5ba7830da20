package org.minqing.representative.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.minqing.events.representative.RepresentativeKind;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.representative.Representative;
import org.minqing.representative.mapping.RepresentativeMapper;
import org.minqing.representative.mapping.Requests.RepresentativeRequest;
import org.minqing.representative.mapping.Views.ImportResult;
import org.minqing.representative.mapping.Views.RepresentativeView;
import org.minqing.representative.service.Access;
import org.minqing.representative.service.RepresentativeService;
import org.minqing.representative.service.RosterImport;

/** Representatives (两代表一委员): register, update, list in scope, import a roster CSV. */
// One transaction per request: entities loaded here are the ones the services change.
@Transactional
@Path("/representatives")
@RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
public class RepresentativeResource {

    @Inject
    Access access;

    @Inject
    RepresentativeService service;

    @Inject
    RosterImport rosterImport;

    @Inject
    RepresentativeMapper mapper;

    /** H3: a term outside 2000–2100 is refused with 422 naming the field. */
    private static void termBounds(RepresentativeRequest r) {
        Bounds.check().date("termStart", r.termStart()).date("termEnd", r.termEnd()).throwIfAny();
    }

    @GET
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.REPRESENTATIVE,
            Roles.LIAISON_OFFICER, Roles.SERVICE })
    public List<RepresentativeView> list(@QueryParam("kind") String kindParam, @QueryParam("active") Boolean active) {
        RepresentativeKind kind = null;
        if (kindParam != null) {
            try {
                kind = RepresentativeKind.valueOf(kindParam);
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation("kind", "类别无效，应为 NPC_DEPUTY、PARTY_DELEGATE 或 CPPCC_MEMBER",
                        "unknown kind; use NPC_DEPUTY, PARTY_DELEGATE or CPPCC_MEMBER");
            }
        }
        RepresentativeKind wanted = kind;
        return Representative.inScope(access.scopeCode()).stream()
                .filter(r -> wanted == null || r.kind == wanted)
                .filter(r -> active == null || r.active == active)
                .map(r -> mapper.view(r, access.seesContactOf(r.constituencyCode) || access.isRepresentative(r.id)))
                .toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.REPRESENTATIVE,
            Roles.LIAISON_OFFICER, Roles.SERVICE })
    public RepresentativeView get(@PathParam("id") UUID id) {
        Representative r = access.visibleRepresentative(id);
        return mapper.view(r, access.seesContactOf(r.constituencyCode) || access.isRepresentative(r.id));
    }

    @POST
    public RestResponse<RepresentativeView> register(@Valid @NotNull RepresentativeRequest request) {
        termBounds(request);
        if (Jurisdiction.isValid(request.constituencyCode())) {
            access.scope().requireWithin(request.constituencyCode(), "constituencyCode");
        }
        Representative r = service.register(request, access.scope().actor());
        return RestResponse.status(RestResponse.Status.CREATED, mapper.view(r, true));
    }

    @PUT
    @Path("/{id}")
    public RepresentativeView update(@PathParam("id") UUID id, @Valid @NotNull RepresentativeRequest request) {
        termBounds(request);
        Representative r = access.lockedRepresentative(id);
        if (Jurisdiction.isValid(request.constituencyCode())) {
            access.scope().requireWithin(request.constituencyCode(), "constituencyCode");
        }
        return mapper.view(service.update(r, request, access.scope().actor()), true);
    }

    /** All-or-nothing roster import from a UTF-8 CSV with Chinese headers (姓名,类别,级别,任期开始,任期结束,选区代码,联络站,手机,邮箱). */
    @POST
    @Path("/import")
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM })
    public RestResponse<ImportResult> importRoster(byte[] body) {
        access.scope().likePrefix(); // fails closed without a jurisdiction claim
        if (body != null && body.length > RosterImport.MAX_BYTES) {
            throw Bounds.outOfRange("file", "文件过大，最多 " + RosterImport.MAX_BYTES / 1024 + " KB",
                    "the file is too large; at most " + RosterImport.MAX_BYTES / 1024 + " KB");
        }
        List<Representative> created = rosterImport.importCsv(body, access.scope(), access.scope().actor());
        return RestResponse.status(RestResponse.Status.CREATED,
                new ImportResult(created.size(), created.stream().map(r -> r.id).toList()));
    }
}
