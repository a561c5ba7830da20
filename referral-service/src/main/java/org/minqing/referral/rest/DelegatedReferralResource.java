package org.minqing.referral.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.minqing.events.EventEnvelope;
import org.minqing.events.EventType;
import org.minqing.events.referral.SupervisionRequested;
import org.minqing.kit.outbox.Outbox;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.ReferralStatus;
import org.minqing.referral.rest.ReferralResource.SupervisionRequest;
import org.minqing.referral.service.DelegatedReferrals;
import org.minqing.referral.service.ReferralService;

/**
 * Issue 14 (ADR 0020): the district's hand on referrals held by a delegated sub-district's piece
 * (下级部署单元的转办件), known here from the read model only. A 督办单 on one is not issued here:
 * it is asked of the owning piece by an event (outbox), which issues it as its own and tells the unit.
 */
@Path("/delegated-referrals")
public class DelegatedReferralResource {

    @Inject
    DelegatedReferrals delegated;

    @Inject
    ReferralService service;

    @Inject
    CallerScope scope;

    @Inject
    Outbox outbox;

    @Inject
    AppClock clock;

    /**
     * 下级部署单元的转办件: the delegated referrals of cases in the caller's jurisdiction, from the read
     * model; {@code watchedByMe=true} keeps those the caller's tier watches now (escalated to the
     * district, for district staff). Empty in a piece that is not the district's.
     */
    @GET
    @RolesAllowed({ Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF })
    @Transactional
    public List<DelegatedReferrals.View> list(@QueryParam("watchedByMe") boolean watchedByMe,
            @QueryParam("status") String status, @QueryParam("page") Integer page) {
        Bounds.check().number("page", page, 0, 10_000).throwIfAny();
        String s = null;
        if (status != null) {
            try {
                s = ReferralStatus.valueOf(status.toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException e) {
                throw ProblemException.unprocessable("bad-status", "status", "未知的状态", "unknown status");
            }
        }
        String own = scope.ownOrForbidden();
        return delegated.list(own, watchedByMe ? own : null, s, page == null ? 0 : page);
    }

    /** What the district asked for; the 督办单 itself appears on the supervision list once the owning piece issued it. */
    public record SupervisionAsked(UUID referralId, String caseId, String pieceId, String note, LocalDate replyBy,
            Instant requestedAt) {
    }

    /**
     * 督办单 on a delegated referral: 202, carried to the owning piece; 404 outside the caller's scope or
     * unknown; 409 for a referral this piece holds itself.
     */
    @POST
    @Path("/{id}/supervision")
    @RolesAllowed({ Roles.DISTRICT_STAFF })
    @Transactional
    public Response supervise(@PathParam("id") UUID id, @Valid @NotNull SupervisionRequest req) {
        Bounds.check().date("replyBy", req.replyBy()).throwIfAny();
        if (org.minqing.referral.Referral.findById(id) != null) {
            throw ProblemException.conflict("referral-of-this-piece", "本部署单元自己的转办件，请直接督办（/referrals/{id}/supervision）",
                    "this piece holds the referral: issue the 督办单 with /referrals/{id}/supervision");
        }
        Object[] row = delegated.find(id).orElseThrow(() -> ProblemException.notFound("转办件 / referral"));
        String caseId = (String) row[1];
        String community = String.valueOf(row[2]);
        scope.requireVisible(community, "转办件 / referral");
        if (ReferralStatus.valueOf((String) row[3]) == ReferralStatus.CLOSED) {
            throw ProblemException.conflict("not-supervisable", "已办结的件不能督办", "a closed referral cannot be supervised");
        }
        LocalDate replyBy = req.replyBy() == null ? null : service.checkReplyBy(req.replyBy());
        String requester = scope.jurisdiction().orElseThrow();
        outbox.publish(EventType.REFERRAL_SUPERVISION_REQUESTED.topic().topic(),
                EventEnvelope.of(EventType.REFERRAL_SUPERVISION_REQUESTED, community, id.toString(), caseId, scope.actor(),
                        new SupervisionRequested(id.toString(), caseId, req.note(), replyBy, scope.subject(), requester)));
        return Response.accepted(new SupervisionAsked(id, caseId, (String) row[4], req.note(), replyBy, clock.instant()))
                .build();
    }
}
