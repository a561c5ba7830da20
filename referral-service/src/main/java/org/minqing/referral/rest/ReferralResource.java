package org.minqing.referral.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.minqing.events.referral.Route;
import org.minqing.kit.export.XlsxDownload;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.scope.Roles;
import org.minqing.referral.Referral;
import org.minqing.referral.ReferralStatus;
import org.minqing.referral.TimelineEntry;
import org.minqing.referral.service.KnownRepresentatives;
import org.minqing.referral.service.ReferralExports;
import org.minqing.referral.service.ReferralService;
import org.minqing.referral.service.Supervisions;
import org.minqing.referral.service.Supervisions.SupervisionView;
import org.minqing.referral.Supervision;

/** Referrals (转办件): the sub-district's queue, routing, the handling unit's work, supervision. */
@Path("/referrals")
public class ReferralResource {

    @Inject
    ReferralService service;

    @Inject
    ReferralAccess access;

    @Inject
    CallerScope scope;

    @Inject
    KnownRepresentatives representatives;

    @Inject
    Supervisions supervisions;

    @Inject
    ReferralExports exports;

    /** No extension is longer than a year, whatever the policy table says. */
    static final int MAX_EXTENSION_DAYS = 366;

    /** At most this many referrals per list page. */
    static final int PAGE_SIZE = 500;

    public record RouteRequest(
            @NotNull(message = "必须选择转办途径 / route is required") Route route,
            @NotNull(message = "必须选择承办单位 / unitId is required") UUID unitId,
            @Size(max = 64) String representativeId,
            boolean difficult,
            @Size(max = 2000) String note) {
    }

    public record NoteRequest(@Size(max = 4000) String note) {
    }

    public record ReasonRequest(@NotBlank(message = "必须说明理由 / a reason is required") @Size(max = 4000) String reason) {
    }

    public record ProgressRequest(@NotBlank(message = "必须填写进展 / a note is required") @Size(max = 4000) String note) {
    }

    public record ReplyRequest(@NotBlank(message = "必须填写答复 / a reply is required") @Size(max = 8000) String reply) {
    }

    public record ExtendRequest(
            @NotNull(message = "必须填写延期天数 / days is required") Integer days,
            @NotBlank(message = "必须说明延期理由 / a reason is required") @Size(max = 4000) String reason) {
    }

    public record CloseRequest(@NotBlank(message = "必须填写办结结果 / an outcome is required") @Size(max = 4000) String outcome) {
    }

    public record MergeRequest(@NotNull(message = "必须指明被合并的转办件 / referralId is required") UUID referralId) {
    }


    public record TimelineView(long id, java.time.Instant at, String actor, String actorRole, String action,
            String fromStatus, String toStatus, String reason) {
    }

    @GET
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE })
    @Transactional
    public List<ReferralView> list(@QueryParam("status") ReferralStatus status, @QueryParam("line") String line,
            @QueryParam("caseId") String caseId, @QueryParam("watchedByMe") boolean watchedByMe,
            @QueryParam("page") Integer page) {
        Bounds.check().number("page", page, 0, 10_000).throwIfAny();
        if (line != null && line.length() > 64 || caseId != null && caseId.length() > 100) {
            throw Bounds.outOfRange(line != null && line.length() > 64 ? "line" : "caseId", "过长", "too long");
        }
        StringBuilder q = new StringBuilder();
        Map<String, Object> params = new HashMap<>();
        if (access.isUnitOnly()) {
            UUID unit = scope.unitId().map(ReferralResource::uuidOrNull).orElse(null);
            if (unit == null) {
                return List.of();
            }
            q.append("unitId = :unit");
            params.put("unit", unit);
        } else if (access.isRepresentativeOnly() && scope.representativeId().isPresent()) {
            // range predicates, not LIKE 'prefix%': a btree serves them under any collation (L9)
            String own = scope.jurisdiction().orElse(null);
            q.append(own == null ? "representativeId = :rep"
                    : "((communityCode between :lo and :hi) or representativeId = :rep)");
            if (own != null) {
                params.put("lo", Jurisdiction.lowest(own));
                params.put("hi", Jurisdiction.highest(own));
            }
            params.put("rep", scope.representativeId().get());
        } else {
            scope.likePrefix(); // fails closed (403) without a jurisdiction claim
            String own = scope.jurisdiction().orElseThrow();
            q.append("communityCode between :lo and :hi");
            params.put("lo", Jurisdiction.lowest(own));
            params.put("hi", Jurisdiction.highest(own));
        }
        if (watchedByMe) {
            // what this caller's tier supervises now, e.g. referrals escalated to the district
            q.append(" and watchJurisdiction = :watch");
            params.put("watch", scope.jurisdiction().orElse("-"));
        }
        if (status != null) {
            q.append(" and status = :status");
            params.put("status", status);
        }
        if (line != null) {
            q.append(" and lineCode = :line");
            params.put("line", line);
        }
        if (caseId != null) {
            q.append(" and id in (select c.referralId from ReferralCase c where c.caseId = :caseId)");
            params.put("caseId", caseId);
        }
        q.append(" order by priority desc, openedAt");
        return Referral.<Referral>find(q.toString(), params).page(page == null ? 0 : page, PAGE_SIZE).list().stream().map(ReferralView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE })
    @Transactional
    public ReferralView get(@PathParam("id") UUID id) {
        return ReferralView.of(access.visible(id));
    }

    @GET
    @Path("/{id}/timeline")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE })
    @Transactional
    public List<TimelineView> timeline(@PathParam("id") UUID id) {
        Referral r = access.visible(id);
        List<TimelineView> out = new ArrayList<>();
        for (TimelineEntry t : TimelineEntry.<TimelineEntry>list("referralId = ?1 order by id", r.id)) {
            out.add(new TimelineView(t.id, t.at, t.actor, t.actorRole, t.action, t.fromStatus, t.toStatus, t.reason));
        }
        return out;
    }

    /** 转办: staff of the sub-district (or district) confirm the route and the unit. */
    @POST
    @Path("/{id}/route")
    @RolesAllowed({ Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    public ReferralView route(@PathParam("id") UUID id, @Valid @NotNull RouteRequest req) {
        Referral r = access.forStaff(id);
        if (ReferralService.isRepresentativeRoute(req.route()) && req.representativeId() != null
                && !req.representativeId().isBlank()) {
            // L11: a known representative who still serves, in the caller's line of the hierarchy;
            // one answer for "unknown" and "not yours", so ids outside the scope cannot be probed
            var rep = representatives.find(req.representativeId().trim());
            if (rep.isEmpty() || !rep.get().active()
                    || !KnownRepresentatives.inScope(rep.get(), scope.jurisdiction().orElse(null))) {
                throw ProblemException.unprocessable("unknown-representative", "representativeId",
                        "没有这位在任代表，或其不在您的辖区", "no serving representative with this id within your scope");
            }
        }
        return done(service.route(r, new ReferralService.RouteCommand(req.route(), req.unitId(),
                req.representativeId(), req.difficult(), req.note()), scope.actor()));
    }

    @POST
    @Path("/{id}/accept")
    @RolesAllowed(Roles.HANDLING_UNIT)
    @Transactional
    public ReferralView accept(@PathParam("id") UUID id, @Valid NoteRequest req) {
        return done(service.accept(access.heldByCallerUnit(id), req == null ? null : req.note(), scope.actor()));
    }

    /** 退回: not in this unit's remit; within the return window, with the reason. */
    @POST
    @Path("/{id}/return")
    @RolesAllowed(Roles.HANDLING_UNIT)
    @Transactional
    public ReferralView giveBack(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest req) {
        return done(service.giveBack(access.heldByCallerUnit(id), req.reason(), scope.actor()));
    }

    @POST
    @Path("/{id}/progress")
    @RolesAllowed(Roles.HANDLING_UNIT)
    @Transactional
    public ReferralView progress(@PathParam("id") UUID id, @Valid @NotNull ProgressRequest req) {
        return done(service.progress(access.heldByCallerUnit(id), req.note(), scope.actor()));
    }

    @POST
    @Path("/{id}/reply")
    @RolesAllowed(Roles.HANDLING_UNIT)
    @Transactional
    public ReferralView reply(@PathParam("id") UUID id, @Valid @NotNull ReplyRequest req) {
        return done(service.reply(access.heldByCallerUnit(id), req.reply(), scope.actor()));
    }

    /** 延期: requested by the handling unit or approved by sub-district/district staff. */
    @POST
    @Path("/{id}/extend")
    @RolesAllowed({ Roles.HANDLING_UNIT, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    public ReferralView extend(@PathParam("id") UUID id, @Valid @NotNull ExtendRequest req) {
        // 422 naming the field: the policy's EXTENSION_MAX (≤ 30 by law) is checked again in the service
        Bounds.check().number("days", req.days(), 1, MAX_EXTENSION_DAYS).throwIfAny();
        Referral r = access.isUnitOnly() ? access.heldByCallerUnit(id) : access.forStaff(id);
        return done(service.extend(r, req.days(), req.reason(), scope.actor()));
    }

    @POST
    @Path("/{id}/resident-informed")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    public ReferralView residentInformed(@PathParam("id") UUID id, @Valid NoteRequest req) {
        return done(service.informResident(access.forStaff(id), req == null ? null : req.note(), scope.actor()));
    }

    @POST
    @Path("/{id}/close")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    public ReferralView close(@PathParam("id") UUID id, @Valid @NotNull CloseRequest req) {
        return done(service.close(access.forStaff(id), req.outcome(), scope.actor()));
    }

    public record SupervisionRequest(
            @NotBlank(message = "必须填写督办意见 / a note is required") @Size(max = 4000) String note,
            LocalDate replyBy) {
    }

    /** 督办单: with an optional reply-by date (a working day from today, within 60 days). */
    @POST
    @Path("/{id}/supervision")
    @RolesAllowed({ Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    public SupervisionView supervise(@PathParam("id") UUID id, @Valid @NotNull SupervisionRequest req) {
        Bounds.check().date("replyBy", req.replyBy()).throwIfAny();
        Referral r = access.forStaff(id);
        Supervision s = service.supervise(r, req.note(), req.replyBy(), scope.actor());
        Referral.flush();
        return supervisions.view(s, null);
    }

    /** The referral's supervision notices, oldest first. */
    @GET
    @Path("/{id}/supervisions")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE })
    @Transactional
    public List<SupervisionView> supervisions(@PathParam("id") UUID id) {
        return supervisions.ofReferral(access.visible(id));
    }

    /** What the printed 转办单 and 督办单 show: the referral, its unit, the matter, the notices. */
    @GET
    @Path("/{id}/document")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT,
            Roles.REPRESENTATIVE, Roles.SERVICE })
    @Transactional
    public Supervisions.Document document(@PathParam("id") UUID id) {
        return supervisions.document(access.visible(id), scope.jurisdiction().orElse(null));
    }

    /** 转办队列导出: what the list shows with the same filters, every page, streamed as XLSX. */
    @GET
    @Path("/export.xlsx")
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF, Roles.HANDLING_UNIT })
    public jakarta.ws.rs.core.Response export(@QueryParam("status") ReferralStatus status, @QueryParam("line") String line,
            @QueryParam("caseId") String caseId, @QueryParam("watchedByMe") boolean watchedByMe) {
        if (line != null && line.length() > 64 || caseId != null && caseId.length() > 100) {
            throw Bounds.outOfRange(line != null && line.length() > 64 ? "line" : "caseId", "过长", "too long");
        }
        ReferralExports.Query q = exports.queueQuery(status, line, caseId, watchedByMe);
        return XlsxDownload.of("referrals", "转办队列", out -> exports.writeQueue(q, out));
    }

    /** Undo a wrong repeat link: the case gets a referral of its own. */
    @POST
    @Path("/{id}/repeats/{caseId}/unlink")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    public ReferralView unlink(@PathParam("id") UUID id, @PathParam("caseId") String caseId) {
        return done(service.unlink(access.forStaff(id), caseId, scope.actor()));
    }

    /** Merge another referral into this one as repeats (重复信访合并). */
    @POST
    @Path("/{id}/merge")
    @RolesAllowed({ Roles.COMMUNITY_STAFF, Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF })
    @Transactional
    public ReferralView merge(@PathParam("id") UUID id, @Valid @NotNull MergeRequest req) {
        Referral target = access.forStaff(id);
        Referral other;
        try {
            other = access.forStaff(req.referralId());
        } catch (ProblemException e) {
            throw ProblemException.unprocessable("unknown-referral", "referralId", "未找到被合并的转办件",
                    "no such referral within your scope");
        }
        return done(service.merge(target, other, scope.actor()));
    }

    /** Flushes inside the request so a concurrent change (optimistic lock) becomes a 409, then shows the result. */
    private static ReferralView done(Referral r) {
        Referral.flush();
        return ReferralView.of(r);
    }

    private static UUID uuidOrNull(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
