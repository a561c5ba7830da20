package org.minqing.representative.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestResponse;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.representative.LiaisonOfficer;
import org.minqing.representative.mapping.RepresentativeMapper;
import org.minqing.representative.mapping.Requests.LiaisonOfficerRequest;
import org.minqing.representative.mapping.Views.LiaisonOfficerView;
import org.minqing.representative.service.Access;
import org.minqing.representative.service.RepresentativeService;

/** Liaison officers (人大联络员) per community. */
// One transaction per request: entities loaded here are the ones the services change.
@Transactional
@Path("/liaison-officers")
@RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
public class LiaisonOfficerResource {

    @Inject
    Access access;

    @Inject
    RepresentativeService service;

    @Inject
    RepresentativeMapper mapper;

    @GET
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.SERVICE })
    public List<LiaisonOfficerView> list(@QueryParam("communityCode") String communityCode) {
        String code;
        if (communityCode != null) {
            if (!Jurisdiction.isValid(communityCode)) {
                throw ProblemException.validation("communityCode", "不是有效的区划代码", "is not a valid division code");
            }
            access.scope().requireWithin(communityCode, "communityCode");
            code = communityCode;
        } else {
            code = access.scopeCode();
        }
        // a code range, not LIKE 'prefix%': an index serves it under any collation (L9)
        return LiaisonOfficer.<LiaisonOfficer>list("communityCode between ?1 and ?2 order by name",
                Jurisdiction.lowest(code), Jurisdiction.highest(code)).stream()
                .map(o -> mapper.view(o, access.seesContactOf(o.communityCode))).toList();
    }

    @POST
    public RestResponse<LiaisonOfficerView> register(@Valid @NotNull LiaisonOfficerRequest request) {
        if (Jurisdiction.isValid(request.communityCode())) {
            access.scope().requireWithin(request.communityCode(), "communityCode");
        }
        LiaisonOfficer o = service.registerLiaisonOfficer(request, access.scope().actor());
        return RestResponse.status(RestResponse.Status.CREATED, mapper.view(o, true));
    }
}
