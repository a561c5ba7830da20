package org.minqing.intake.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.minqing.intake.mapping.CaseViews.FeedbackRequest;
import org.minqing.intake.mapping.CaseViews.StatusRequest;
import org.minqing.intake.service.CaseService;
import org.minqing.intake.service.RateLimiter;

import io.vertx.core.http.HttpServerRequest;

/**
 * The resident's view by receipt code (回执码查询), no login: status, milestones, expected date and
 * feedback. The code is the resident's credential, so it travels in the request body, never in a
 * URL (proxies, access logs and browser history keep URLs). Rate-limited per client address; no
 * personal data and no staff names.
 */
@Path("/public/cases")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicCaseResource {

    @Inject
    CaseService cases;

    @Inject
    RateLimiter limiter;

    /** {@code {"receiptCode":"…"}} → the case's public status. */
    @POST
    @Path("/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response status(@NotNull @Valid StatusRequest request, @Context HttpServerRequest http) {
        limiter.check(client(http));
        return Response.ok(cases.publicStatus(request.receiptCode())).header("Cache-Control", "no-store").build();
    }

    /** 满意 / 基本满意 / 不满意, once per result; becomes CASE_FEEDBACK_GIVEN for referral-service. */
    @POST
    @Path("/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response feedback(@NotNull @Valid FeedbackRequest request, @Context HttpServerRequest http) {
        limiter.check(client(http));
        return Response.status(Response.Status.CREATED).entity(cases.feedback(request)).header("Cache-Control", "no-store")
                .build();
    }

    static String client(HttpServerRequest http) {
        return http.remoteAddress() == null ? "?" : http.remoteAddress().hostAddress();
    }
}
