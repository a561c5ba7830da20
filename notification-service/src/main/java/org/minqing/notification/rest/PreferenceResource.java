package org.minqing.notification.rest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.minqing.kit.problem.ProblemException;
import org.minqing.kit.scope.Roles;
import org.minqing.kit.time.AppClock;
import org.minqing.notification.Channel;
import org.minqing.notification.Preference;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A recipient's notice preferences (通知偏好): which channels, or none at all. They apply only to
 * notices the law does not require; legally required ones (受理告知, 延期告知, 转办, …) always go.
 * Only one's own: {@code /preferences/me} (or one's own account name or subject); naming anyone
 * else is refused. Kept under the account name, which is how the dispatcher finds them (M6).
 */
@Path("/preferences")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.REPRESENTATIVE, Roles.LIAISON_OFFICER, Roles.HANDLING_UNIT, Roles.COMMUNITY_STAFF,
        Roles.SUBDISTRICT_STAFF, Roles.DISTRICT_STAFF, Roles.OPS_ADMIN })
public class PreferenceResource {

    @Inject
    CallerAccount account;

    @Inject
    AppClock clock;

    public record PreferenceChange(
            @NotNull(message = "不能为空 / must not be null") List<@NotNull Channel> channels,
            boolean optOut,
            @Pattern(regexp = "zh-CN|en", message = "只能是 zh-CN 或 en / must be zh-CN or en") String language) {
    }

    public record PreferenceView(String userSubject, Set<Channel> channels, boolean optOut, String language,
            boolean stored) {
    }

    @GET
    @Path("/{who}")
    public PreferenceView get(@PathParam("who") String who) {
        Preference p = Preference.findById(own(who));
        if (p == null) {
            return new PreferenceView(account.name(), Set.of(Channel.values()), false, "zh-CN", false);
        }
        return view(p);
    }

    @PUT
    @Path("/{who}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public PreferenceView put(@PathParam("who") String who, @Valid @NotNull PreferenceChange change) {
        String subject = own(who);
        Preference p = Preference.findById(subject);
        if (p == null) {
            p = new Preference();
            p.userSubject = subject;
        }
        p.channels = String.join(",", new LinkedHashSet<>(change.channels().stream().map(Channel::name).toList()));
        p.optedOut = change.optOut();
        p.language = change.language() == null ? "zh-CN" : change.language();
        p.updatedAt = clock.instant();
        p.persist();
        return view(p);
    }

    private String own(String who) {
        if ("me".equals(who) || account.is(who)) {
            return account.name();
        }
        throw ProblemException.forbidden("只能查看或修改本人的通知偏好",
                "you may only read or change your own notice preferences");
    }

    private static PreferenceView view(Preference p) {
        Set<Channel> channels = new LinkedHashSet<>();
        for (String c : p.channels.split(",")) {
            if (!c.isBlank()) {
                channels.add(Channel.valueOf(c));
            }
        }
        return new PreferenceView(p.userSubject, channels, p.optedOut, p.language, true);
    }
}
