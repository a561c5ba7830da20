package org.minqing.notification.rest;

import java.util.List;
import java.util.UUID;

import org.jboss.resteasy.reactive.RestStreamElementType;
import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;
import org.minqing.notification.Channel;
import org.minqing.notification.Notice;
import org.minqing.notification.NoticeState;
import org.minqing.notification.service.InboxHub;
import org.minqing.notification.service.InboxHub.InboxItem;

import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The signed-in user's in-app inbox (站内信箱): list, mark read, live stream. Always the caller's own
 * account (M6: notices are addressed by account name, see {@link CallerAccount}).
 */
@Path("/inbox")
@RolesAllowed({ Roles.REPRESENTATIVE, Roles.LIAISON_OFFICER, Roles.HANDLING_UNIT, Roles.COMMUNITY_STAFF,
        Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.OPS_ADMIN })
public class InboxResource {

    @Inject
    CallerAccount account;

    @Inject
    InboxHub hub;

    @Inject
    AppClock clock;

    /** One stream element: {@code connected} once subscribed, then {@code notice} for each new notice. */
    public record StreamEvent(String kind, InboxItem notice) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<InboxItem> list(@QueryParam("unread") @DefaultValue("false") boolean unreadOnly,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        String q = "userSubject = ?1 and channel = ?2 and state = ?3" + (unreadOnly ? " and readAt is null" : "")
                + " order by sentAt desc";
        List<Notice> rows = Notice.find(q, account.name(), Channel.IN_APP, NoticeState.SENT).page(0, limit).list();
        return rows.stream().map(InboxResource::item).toList();
    }

    @POST
    @Path("/{id}/read")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public InboxItem markRead(@PathParam("id") UUID id) {
        Notice n = Notice.findById(id);
        if (n == null || n.channel != Channel.IN_APP || n.state != NoticeState.SENT || !account.name().equals(n.userSubject)) {
            throw ProblemException.notFound("通知 / notice");
        }
        if (n.readAt == null) {
            n.readAt = clock.instant();
        }
        return item(n);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<StreamEvent> stream() {
        String me = account.name();
        Multi<StreamEvent> notices = hub.streamFor(me).map(i -> new StreamEvent("notice", i));
        // Subscribe to the hub first, then say "connected": a client that saw it misses nothing after.
        return Multi.createBy().merging().streams(notices,
                Multi.createFrom().item(new StreamEvent("connected", null)));
    }

    static InboxItem item(Notice n) {
        return new InboxItem(n.id, n.userSubject, n.sourceEventType, n.title, n.body, n.createdAt, n.sentAt, n.readAt);
    }
}
