package org.minqing.referral.rest;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;

/**
 * Two people changed the same referral at once (optimistic lock on {@code version}): the later
 * one gets a 409 and retries on fresh data. Generic enough for the kit; kept here for now.
 */
public class ConcurrencyMappers {

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrent(RuntimeException e, UriInfo uri) {
        Problem p = ProblemException.conflict("concurrent-change", "该转办件刚被他人修改，请刷新后重试",
                "the referral was changed by someone else; reload and try again").problem().withInstance(uri.getPath());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
