package org.minqing.representative.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestResponse;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;
import org.minqing.representative.ReceptionDay;
import org.minqing.representative.mapping.Requests.AttendanceRequest;
import org.minqing.representative.mapping.Requests.DeclineRequest;
import org.minqing.representative.mapping.Requests.ReasonRequest;
import org.minqing.representative.mapping.Requests.RescheduleRequest;
import org.minqing.representative.mapping.Requests.RosterRequest;
import org.minqing.representative.mapping.Requests.ScheduleRequest;
import org.minqing.representative.mapping.Views.NoticeView;
import org.minqing.representative.mapping.Views.ReceptionDayView;
import org.minqing.representative.mapping.Views.SignInSheetView;
import org.minqing.representative.service.Access;
import org.minqing.representative.service.ReceptionDayDocuments;
import org.minqing.representative.service.ReceptionDayService;

/**
 * Reception days (民情接访日): staff schedule, change the roster, reschedule, cancel and record
 * attendance; a rostered representative confirms or declines their own slot.
 */
// One transaction per request: entities loaded here are the ones the services change.
@Transactional
@Path("/reception-days")
@RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
public class ReceptionDayResource {

    @Inject
    Access access;

    @Inject
    ReceptionDayService service;

    @Inject
    AppClock clock;

    @Inject
    ReceptionDayDocuments documents;

    /** 201 with the day; {@code warnings} lists kinds missing from the roster (a warning, not a refusal). */
    @POST
    public RestResponse<ReceptionDayView> schedule(@Valid @NotNull ScheduleRequest request) {
        dayBounds(request.date());
        if (Jurisdiction.isValid(request.communityCode())) {
            access.scope().requireWithin(request.communityCode(), "communityCode");
        }
        ReceptionDay d = service.schedule(request, access.scope().actor());
        return RestResponse.status(RestResponse.Status.CREATED, service.view(d));
    }

    /** The caller's own reception days from today (or {@code from}), for a representative's to-do list. */
    @GET
    @Path("/mine")
    @RolesAllowed(Roles.REPRESENTATIVE)
    public List<ReceptionDayView> mine(@QueryParam("from") String from) {
        LocalDate start;
        try {
            start = from == null ? clock.today() : LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw ProblemException.validation("from", "日期格式应为 2026-12-01", "use the form 2026-12-01");
        }
        Bounds.check().date("from", start).throwIfAny();
        return service.rosteredOn(ownId(), start).stream().map(service::view).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.REPRESENTATIVE,
            Roles.LIAISON_OFFICER, Roles.SERVICE })
    public ReceptionDayView get(@PathParam("id") UUID id) {
        ReceptionDay d = existing(ReceptionDay.findById(id));
        boolean onRoster = access.scope().representativeId()
                .map(rid -> d.roster.stream().anyMatch(s -> s.representativeId.toString().equalsIgnoreCase(rid)))
                .orElse(false) && access.scope().hasRole(Roles.REPRESENTATIVE);
        if (!onRoster) {
            access.scope().requireVisible(d.communityCode, "接访日");
        }
        return service.view(d);
    }

    /** 接访公告: for residents — when, where and who receives (names and kinds, no contact data). */
    @GET
    @Path("/{id}/notice")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.LIAISON_OFFICER,
            Roles.SERVICE })
    public NoticeView notice(@PathParam("id") UUID id) {
        return documents.notice(visible(id));
    }

    /** 签到表: the day's roster (not declined) for signatures, and who declined. */
    @GET
    @Path("/{id}/sign-in-sheet")
    public SignInSheetView signInSheet(@PathParam("id") UUID id) {
        return documents.signInSheet(visible(id));
    }

    private ReceptionDay visible(UUID id) {
        ReceptionDay d = existing(ReceptionDay.findById(id));
        access.scope().requireVisible(d.communityCode, "接访日");
        return d;
    }

    @PUT
    @Path("/{id}/roster")
    public ReceptionDayView changeRoster(@PathParam("id") UUID id, @Valid @NotNull RosterRequest request) {
        return service.view(service.changeRoster(staffOwned(id), request.representativeIds(), access.scope().actor()));
    }

    @POST
    @Path("/{id}/reschedule")
    public ReceptionDayView reschedule(@PathParam("id") UUID id, @Valid @NotNull RescheduleRequest request) {
        dayBounds(request.date());
        return service.view(service.reschedule(staffOwned(id), request, access.scope().actor()));
    }

    @POST
    @Path("/{id}/cancel")
    public ReceptionDayView cancel(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest request) {
        return service.view(service.cancel(staffOwned(id), request.reason(), access.scope().actor()));
    }

    @POST
    @Path("/{id}/attendance")
    public ReceptionDayView attendance(@PathParam("id") UUID id, @Valid @NotNull AttendanceRequest request) {
        return service.view(service.recordAttendance(staffOwned(id), request.representativeIds()));
    }

    /** Records confirmed-but-absent representatives of a day that is over (the nightly marker does the same). */
    @POST
    @Path("/{id}/absences")
    public Map<String, Object> absences(@PathParam("id") UUID id) {
        int n = service.recordAbsences(staffOwned(id), access.scope().actor());
        return Map.of("recorded", n, "receptionDay", service.view(ReceptionDay.findById(id)));
    }

    @POST
    @Path("/{id}/confirm")
    @RolesAllowed(Roles.REPRESENTATIVE)
    public ReceptionDayView confirm(@PathParam("id") UUID id) {
        return service.view(service.answer(rostered(id), ownId(), true, null, access.scope().actor()));
    }

    @POST
    @Path("/{id}/decline")
    @RolesAllowed(Roles.REPRESENTATIVE)
    public ReceptionDayView decline(@PathParam("id") UUID id, @Valid DeclineRequest request) {
        String reason = request == null ? null : request.reason();
        return service.view(service.answer(rostered(id), ownId(), false, reason, access.scope().actor()));
    }

    /** Writes lock the day's row, so concurrent changes (staff and a representative) apply one after the other. */
    private ReceptionDay staffOwned(UUID id) {
        ReceptionDay d = existing(ReceptionDay.findById(id, LockModeType.PESSIMISTIC_WRITE));
        access.scope().requireVisible(d.communityCode, "接访日");
        return d;
    }

    /** Reception days are planned at most two years ahead (H3); the past is refused by the service. */
    static final int MAX_YEARS_AHEAD = 2;

    private void dayBounds(LocalDate date) {
        Bounds.check().date("date", date, Bounds.EARLIEST, clock.today().plusYears(MAX_YEARS_AHEAD)).throwIfAny();
    }

    private ReceptionDay rostered(UUID id) {
        return existing(ReceptionDay.findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The day found, or 404. */
    private static ReceptionDay existing(ReceptionDay d) {
        if (d == null) {
            throw ProblemException.notFound("接访日");
        }
        return d;
    }

    private UUID ownId() {
        String rid = access.scope().representativeId().orElseThrow(() -> ProblemException.forbidden(
                "令牌中没有代表编号（representative_id）", "the token carries no representative_id"));
        try {
            return UUID.fromString(rid);
        } catch (IllegalArgumentException e) {
            throw ProblemException.forbidden("令牌中的代表编号无效", "the token's representative_id is not valid");
        }
    }
}
