package org.minqing.notification.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.minqing.kit.scope.CallerScope;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

/**
 * The caller's account name (账号), the key of in-app notices (M6): mailboxes and representatives
 * name their user by account (unit.housing, rep.npc), and Keycloak puts it in
 * {@code preferred_username}; its {@code sub} is an internal UUID nobody enters anywhere. Account
 * names are unique in the realm and only administrators can change them (editUsernameAllowed=false).
 * A token without the claim falls back to its subject. See docs/adr/0009-inbox-by-account-name.md.
 */
@RequestScoped
public class CallerAccount {

    public static final String CLAIM = "preferred_username";

    @Inject
    JsonWebToken token;

    @Inject
    CallerScope scope;

    public String name() {
        Object v = token.getClaim(CLAIM);
        String s = v instanceof JsonString js ? js.getString() : v == null ? null : v.toString();
        return s == null || s.isBlank() ? scope.subject() : s;
    }

    /** Does {@code who} name the caller, by account name or by subject? */
    public boolean is(String who) {
        return name().equals(who) || scope.subject().equals(who);
    }

    /** Seconds since the epoch at which the caller's token expires; 0 when it carries no expiry. */
    public long expiresAt() {
        return token.getExpirationTime();
    }
}
