package org.minqing.representative.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;
import org.minqing.representative.Representative;
import org.minqing.representative.mapping.Requests.DutyRecordRequest;
import org.minqing.representative.mapping.Requests.VoterContactRequest;
import org.minqing.representative.mapping.Views.ArchiveView;
import org.minqing.representative.mapping.Views.DutyRecordView;
import org.minqing.representative.mapping.Views.VoterContactView;
import org.minqing.representative.mapping.Views.YearSummary;
import org.minqing.representative.service.Access;
import org.minqing.representative.service.DutyArchiveService;
import org.minqing.representative.service.SummaryExport;
import org.minqing.representative.service.SummaryService;

/**
 * A representative's duty archive (代表履职档案): records, absences, the voter contact list and
 * the yearly summary (JSON, XLSX, printable HTML). Staff see the archives in their scope; a
 * representative sees and edits only their own.
 */
// One transaction per request: entities loaded here are the ones the services change.
@Transactional
@Path("/duty-archive/{representativeId}")
@RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.REPRESENTATIVE })
public class DutyArchiveResource {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    Access access;

    @Inject
    DutyArchiveService archive;

    @Inject
    SummaryService summaries;

    @Inject
    SummaryExport export;

    @Inject
    AppClock clock;

    @GET
    public ArchiveView get(@PathParam("representativeId") UUID id, @QueryParam("year") Integer year) {
        return archive.archive(access.archiveOwner(id), checkYear(year, false));
    }

    @POST
    @Path("/records")
    public RestResponse<DutyRecordView> add(@PathParam("representativeId") UUID id, @Valid @NotNull DutyRecordRequest request) {
        Bounds.check().date("date", request.date()).throwIfAny();
        Representative rep = access.archiveWriter(id);
        return RestResponse.status(RestResponse.Status.CREATED, DutyArchiveService.view(archive.create(rep, request)));
    }

    @PUT
    @Path("/records/{recordId}")
    public DutyRecordView edit(@PathParam("representativeId") UUID id, @PathParam("recordId") UUID recordId,
            @Valid @NotNull DutyRecordRequest request) {
        Bounds.check().date("date", request.date()).throwIfAny();
        Representative rep = access.archiveWriter(id);
        return DutyArchiveService.view(archive.update(rep, recordId, request));
    }

    /** 选民联系名单: full names and phones for the representative; masked for staff. */
    @GET
    @Path("/voter-contacts")
    public List<VoterContactView> voterContacts(@PathParam("representativeId") UUID id) {
        Representative rep = access.archiveOwner(id);
        return archive.voterContacts(rep, access.seesVoterContact(id));
    }

    @POST
    @Path("/voter-contacts")
    public RestResponse<VoterContactView> addVoterContact(@PathParam("representativeId") UUID id,
            @Valid @NotNull VoterContactRequest request) {
        Representative rep = access.archiveWriter(id);
        return RestResponse.status(RestResponse.Status.CREATED,
                archive.view(archive.addVoterContact(rep, request), access.seesVoterContact(id)));
    }

    @GET
    @Path("/summary")
    public YearSummary summary(@PathParam("representativeId") UUID id, @QueryParam("year") Integer year) {
        return summaries.summary(access.archiveOwner(id), checkYear(year, true));
    }

    @GET
    @Path("/summary.xlsx")
    @Produces(XLSX)
    public RestResponse<byte[]> workbook(@PathParam("representativeId") UUID id, @QueryParam("year") Integer year) {
        YearSummary s = summaries.summary(access.archiveOwner(id), checkYear(year, true));
        String file = URLEncoder.encode(s.name() + "-" + s.year() + "年度履职情况.xlsx", StandardCharsets.UTF_8).replace("+", "%20");
        return RestResponse.ResponseBuilder.ok(export.xlsx(s), XLSX)
                .header("Content-Disposition", "attachment; filename=\"summary-" + s.year() + ".xlsx\"; filename*=UTF-8''" + file)
                .build();
    }

    @GET
    @Path("/summary.html")
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    public String page(@PathParam("representativeId") UUID id, @QueryParam("year") Integer year) {
        return export.html(summaries.summary(access.archiveOwner(id), checkYear(year, true)));
    }

    private Integer checkYear(Integer year, boolean defaultToCurrent) {
        if (year == null) {
            return defaultToCurrent ? clock.today().getYear() : null;
        }
        Bounds.check().year("year", year).throwIfAny(); // 422 naming the field (H3)
        return year;
    }
}
