package org.minqing.intake.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.minqing.kit.scope.Roles;
import org.minqing.kit.jdbc.SqlValues;
import org.minqing.intake.IntakeCase;
import org.minqing.intake.mapping.CaseRequest;
import org.minqing.intake.mapping.CaseViews.AccessEntry;
import org.minqing.intake.mapping.CaseViews.CaseDetail;
import org.minqing.intake.mapping.CaseViews.CasePage;
import org.minqing.intake.service.CaseExport;
import org.minqing.intake.service.CaseSearch;
import org.minqing.intake.service.CaseService;
import org.minqing.kit.export.XlsxDownload;
import org.minqing.kit.export.XlsxWriter;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.time.AppClock;

/** Recording, searching and reading cases (接访件) for staff, representatives and liaison officers. */
@Path("/cases")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {

    static final String DEFAULT_PURPOSE = "查看案件详情 / case detail";

    @Inject
    CaseService cases;

    @Inject
    CaseSearch search;

    @Inject
    CaseExport export;

    @Inject
    CallerScope scope;

    @Inject
    EntityManager em;

    /** Records a case; {@code Idempotency-Key} makes retries safe (same key and body → same case). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.REPRESENTATIVE, Roles.LIAISON_OFFICER })
    public Response record(@HeaderParam("Idempotency-Key") String idempotencyKey, @NotNull @Valid CaseRequest request) {
        CaseService.Recorded r = cases.record(request, idempotencyKey, scope, false);
        // Carries the receipt code (for the slip): not to be kept by any cache.
        Response.ResponseBuilder b = Response.created(URI.create("/cases/" + r.detail().id())).entity(r.detail())
                .header("Cache-Control", "no-store");
        if (r.replayed()) {
            b.header("Idempotent-Replayed", "true");
        }
        return b.build();
    }

    @GET
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    public CasePage search(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("line") String line,
            @QueryParam("status") String status, @QueryParam("community") String community,
            @QueryParam("channel") String channel, @QueryParam("repeat") String repeat, @QueryParam("q") String q,
            @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return search.search(new CaseSearch.Filter(from, to, line, status, community, channel, repeat, q, cursor, limit), scope);
    }

    /**
     * 案件列表导出: the search's filters (no cursor or limit), every matching case newest first, as a
     * streamed XLSX. Filters are checked before the first byte (400/422 naming the field).
     */
    @GET
    @Path("/export.xlsx")
    @Produces({ XlsxWriter.CONTENT_TYPE, "application/problem+json" })
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("line") String line,
            @QueryParam("status") String status, @QueryParam("community") String community,
            @QueryParam("channel") String channel, @QueryParam("repeat") String repeat, @QueryParam("q") String q) {
        CaseSearch.Built built = search.build(
                new CaseSearch.Filter(from, to, line, status, community, channel, repeat, q, null, null), scope);
        CaseExport.Prepared prepared = export.prepare(built);
        return XlsxDownload.of("cases", "案件列表", out -> export.write(prepared, out));
    }

    /** Detail with timeline; staff in scope see visitors in full and the read is logged with its purpose. */
    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.REPRESENTATIVE, Roles.LIAISON_OFFICER,
            Roles.HANDLING_UNIT })
    public CaseDetail detail(@PathParam("id") String id, @QueryParam("purpose") String purpose) {
        if (purpose != null && (purpose.isBlank() || purpose.length() > 200)) {
            throw ProblemException.validation("purpose", "长度须在 1 到 200 之间", "must have 1 to 200 characters");
        }
        return cases.detail(uuid(id), scope, purpose == null ? DEFAULT_PURPOSE : purpose, "/cases/{id}");
    }

    /** Who read this case's personal data (district and sub-district staff audit it). */
    @GET
    @Path("/{id}/access-log")
    @RolesAllowed({ Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    @SuppressWarnings("unchecked")
    public List<AccessEntry> accessLog(@PathParam("id") String id) {
        IntakeCase c = cases.visibleCase(uuid(id), scope);
        List<Object[]> rows = em.createNativeQuery("""
                select accessed_by, role, purpose, endpoint, accessed_at from personal_data_access
                 where case_id = :c order by accessed_at, id""").setParameter("c", c.id).getResultList();
        return rows.stream().map(r -> new AccessEntry((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                SqlValues.instant(r[4]))).toList();
    }

    /**
     * Reprints the receipt slip (补打回执) by reissuing the code: the answer carries the new code and
     * what the slip shows; the old code stops working. The console prints the slip. Staff in scope
     * only (never units, representatives or liaison officers); logged in the access log.
     */
    @POST
    @Path("/{id}/receipt")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    public Response reissueReceipt(@PathParam("id") String id) {
        return Response.ok(cases.reissueReceipt(uuid(id), scope)).header("Cache-Control", "no-store").build();
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("案件 / case");
        }
    }

    static String zone() {
        return AppClock.ZONE.getId();
    }
}
