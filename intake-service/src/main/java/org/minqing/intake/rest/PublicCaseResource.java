package org.minqing.intake.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.minqing.intake.mapping.CaseViews.FeedbackRequest;
import org.minqing.intake.service.CaseService;
import org.minqing.intake.service.RateLimiter;

import io.vertx.core.http.HttpServerRequest;

/**
 * The resident's view by receipt code (回执码查询), no login: status, milestones, expected date and
 * feedback. Rate-limited per client address; no personal data and no staff names.
 */
@Path("/public/cases")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicCaseResource {

    @Inject
    CaseService cases;

    @Inject
    RateLimiter limiter;

    @GET
    @Path("/{code}")
    public Response status(@PathParam("code") String code, @Context HttpServerRequest http) {
        limiter.check(client(http));
        return Response.ok(cases.publicStatus(code)).header("Cache-Control", "no-store").build();
    }

    /** 满意 / 基本满意 / 不满意, once per result; becomes CASE_FEEDBACK_GIVEN for referral-service. */
    @POST
    @Path("/{code}/feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response feedback(@PathParam("code") String code, @NotNull @Valid FeedbackRequest request,
            @Context HttpServerRequest http) {
        limiter.check(client(http));
        return Response.status(Response.Status.CREATED).entity(cases.feedback(code, request)).build();
    }

    static String client(HttpServerRequest http) {
        return http.remoteAddress() == null ? "?" : http.remoteAddress().hostAddress();
    }
}
