package org.minqing.notification.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.minqing.kit.jdbc.SqlValues;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Roles;
import org.minqing.notification.Channel;
import org.minqing.notification.Notice;
import org.minqing.notification.NoticeState;

import io.quarkus.panache.common.Parameters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Delivery status (投递状态) for operators: every notice, its state and attempts. Ops-admin sees
 * everything (dead notices first of all); district and sub-district staff see their own area.
 * Addresses appear only masked.
 */
@Path("/notices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.OPS_ADMIN, Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF })
public class NoticeResource {

    @Inject
    CallerScope scope;

    @Inject
    EntityManager em;

    public record NoticeView(UUID id, UUID sourceEventId, String sourceEventType, String jurisdiction,
            String recipientKind, String recipientId, Channel channel, NoticeState state, int attempts,
            boolean legallyRequired, boolean urgent, Instant nextAttemptAt, String lastError, String addressMasked,
            Instant createdAt, Instant sentAt) {
    }

    public record AttemptView(int attemptNo, Instant at, String outcome, String error) {
    }

    public record NoticeDetail(NoticeView notice, List<AttemptView> attempts) {
    }

    @GET
    public List<NoticeView> list(@QueryParam("state") String state, @QueryParam("channel") String channel,
            @QueryParam("sourceEventId") String sourceEventIdText, @QueryParam("limit") String limitText) {
        UUID sourceEventId = Bounds.uuid("sourceEventId", sourceEventIdText);
        int limit = Bounds.integer("limit", limitText, 100, 1, 500);
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (state != null) {
            q.append(" and state = :state");
            params.and("state", parse(NoticeState.class, state, "state"));
        }
        if (channel != null) {
            q.append(" and channel = :channel");
            params.and("channel", parse(Channel.class, channel, "channel"));
        }
        if (sourceEventId != null) {
            q.append(" and sourceEventId = :src");
            params.and("src", sourceEventId);
        }
        if (!scope.hasRole(Roles.OPS_ADMIN)) {
            q.append(" and jurisdiction like :scope");
            params.and("scope", scope.likePrefix());
        }
        q.append(" order by createdAt desc");
        return Notice.<Notice>find(q.toString(), params).page(0, limit).list().stream().map(NoticeResource::view).toList();
    }

    @GET
    @Path("/{id}")
    public NoticeDetail get(@PathParam("id") UUID id) {
        Notice n = Notice.findById(id);
        if (n == null || (!scope.hasRole(Roles.OPS_ADMIN) && !scope.maySee(n.jurisdiction))) {
            throw ProblemException.notFound("通知 / notice");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "select attempt_no, at, outcome, error from notice_attempt where notice_id = :n order by id")
                .setParameter("n", id).getResultList();
        List<AttemptView> attempts = new ArrayList<>();
        for (Object[] r : rows) {
            Instant when = SqlValues.instant(r[1]);
            attempts.add(new AttemptView(((Number) r[0]).intValue(), when, (String) r[2], (String) r[3]));
        }
        return new NoticeDetail(view(n), attempts);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
            throw ProblemException.validation(field, "取值无效，只能是：" + allowed, "unknown value; must be one of: " + allowed);
        }
    }

    static NoticeView view(Notice n) {
        return new NoticeView(n.id, n.sourceEventId, n.sourceEventType, n.jurisdiction, n.recipientKind, n.recipientId,
                n.channel, n.state, n.attempts, n.legallyRequired, n.urgent, n.nextAttemptAt, n.lastError,
                n.addressMasked, n.createdAt, n.sentAt);
    }
}
