package org.minqing.intake.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;

/**
 * The case changed under the request (optimistic lock on {@code version}, M5): a 409 to retry on
 * fresh data, never a 500. (referral-service has the same mapper; a candidate for the kit.)
 */
public class ConcurrencyMappers {

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrent(RuntimeException e, UriInfo uri) {
        Problem p = ProblemException.conflict("concurrent-change", "该案件刚被修改，请刷新后重试",
                "the case was just changed; reload and try again").problem().withInstance(uri.getPath());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
