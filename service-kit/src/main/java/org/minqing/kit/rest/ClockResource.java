package org.minqing.kit.rest;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;

/** Lets the end-to-end suite move a service's clock; refuses unless the clock is adjustable. */
@Path("/ops/clock")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.OPS_ADMIN, Roles.SERVICE })
public class ClockResource {

    @Inject
    AppClock clock;

    public record ClockState(Instant now, long offsetSeconds, boolean adjustable) {
    }

    public record ClockChange(Long offsetSeconds) {
    }

    /** About ten years either way: enough for any drill, and "now" stays a representable instant (H3). */
    public static final long MAX_OFFSET_SECONDS = 3660L * 86_400;

    @GET
    @Operation(summary = "服务当前时间 / The service's current time")
    public ClockState get() {
        return new ClockState(clock.instant(), clock.offset().toSeconds(), clock.isAdjustable());
    }

    @PUT
    @Operation(summary = "调整服务时钟（仅测试环境）/ Move the service clock (test environments only)")
    public ClockState set(ClockChange change) {
        if (!clock.isAdjustable()) {
            throw ProblemException.forbidden("本环境的时钟不可调整", "the clock is not adjustable in this environment");
        }
        if (change == null || change.offsetSeconds() == null) {
            throw ProblemException.validation("offsetSeconds", "必填", "is required");
        }
        if (change.offsetSeconds() > MAX_OFFSET_SECONDS || change.offsetSeconds() < -MAX_OFFSET_SECONDS) {
            throw ProblemException.unprocessable("out-of-range", "offsetSeconds",
                    "须在 ±" + MAX_OFFSET_SECONDS + " 秒（约十年）以内",
                    "must be within ±" + MAX_OFFSET_SECONDS + " seconds (about ten years)");
        }
        clock.setOffset(Duration.ofSeconds(change.offsetSeconds()));
        return get();
    }
}
