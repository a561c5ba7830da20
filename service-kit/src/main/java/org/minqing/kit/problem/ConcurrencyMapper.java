package org.minqing.kit.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Two people changed the same record at once (optimistic lock on its {@code version}, M5): the
 * later one gets a 409 to retry on fresh data, never a 500.
 */
public class ConcurrencyMapper {

    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public Response concurrent(RuntimeException e, UriInfo uri) {
        Problem p = ProblemException.conflict("concurrent-change", "该记录刚被他人修改，请刷新后重试",
                "this record was just changed by someone else; reload and try again").problem().withInstance(uri.getPath());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
