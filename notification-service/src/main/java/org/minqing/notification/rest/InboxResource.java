package org.minqing.notification.rest;

import java.time.Duration;
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
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The signed-in user's in-app inbox (站内信箱): list, mark read, live stream. Always the caller's own
 * account (M6: notices are addressed by account name, see {@link CallerAccount}); the stream lasts
 * no longer than the token that opened it (L6).
 */
@Path("/inbox")
@RolesAllowed({ Roles.REPRESENTATIVE, Roles.LIAISON_OFFICER, Roles.HANDLING_UNIT, Roles.COMMUNITY_STAFF,
        Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.OPS_ADMIN })
public class InboxResource {

    /** A stream opened with a token that carries no expiry still ends after this long. */
    static final Duration LONGEST_STREAM = Duration.ofHours(1);

    @Inject
    CallerAccount account;

    @Inject
    InboxHub hub;

    @Inject
    AppClock clock;

    /** One stream element: {@code connected} once subscribed, {@code notice} for each new notice, {@code expired} last. */
    public record StreamEvent(String kind, InboxItem notice) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<InboxItem> list(@QueryParam("unread") String unread, @QueryParam("limit") String limitText) {
        boolean unreadOnly = Bounds.flag("unread", unread, false);
        int limit = Bounds.integer("limit", limitText, 50, 1, 200);
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
        Multi<StreamEvent> live = Multi.createBy().merging().streams(notices,
                Multi.createFrom().item(new StreamEvent("connected", null)));
        // Ends when the token does (real time, as the token was checked): the client signs in again
        // and reconnects, so a revoked account or role stops receiving within a token's lifetime.
        return live.select().first(lifetimeLeft()).onCompletion().continueWith(new StreamEvent("expired", null));
    }

    private Duration lifetimeLeft() {
        long exp = account.expiresAt();
        if (exp <= 0) {
            return LONGEST_STREAM;
        }
        Duration left = Duration.ofMillis(exp * 1000 - System.currentTimeMillis());
        if (left.isNegative() || left.isZero()) {
            return Duration.ofMillis(1);
        }
        return left.compareTo(LONGEST_STREAM) > 0 ? LONGEST_STREAM : left;
    }

    static InboxItem item(Notice n) {
        return new InboxItem(n.id, n.userSubject, n.sourceEventType, n.title, n.body, n.createdAt, n.sentAt, n.readAt);
    }
}
