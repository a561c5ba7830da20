package org.minqing.kit.scope;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.minqing.events.Actor;
import org.minqing.kit.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling and what they may see, from the OIDC token: realm roles, the {@code jurisdiction}
 * claim (12-digit code of the caller's unit), and for handling units the {@code unit} claim.
 */
@RequestScoped
public class CallerScope {

    public static final String JURISDICTION_CLAIM = "jurisdiction";
    public static final String UNIT_CLAIM = "unit";
    public static final String REPRESENTATIVE_CLAIM = "representative_id";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    public String subject() {
        String sub = token.getSubject();
        return sub != null ? sub : identity.getPrincipal().getName();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean hasAnyRole(String... roles) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    /** The caller's own code; absent for callers whose token carries none. */
    public Optional<String> jurisdiction() {
        return claim(JURISDICTION_CLAIM).filter(Jurisdiction::isValid);
    }

    public Optional<String> unitId() {
        return claim(UNIT_CLAIM);
    }

    public Optional<String> representativeId() {
        return claim(REPRESENTATIVE_CLAIM);
    }

    /** May this caller see data belonging to {@code code}? Prefix check on the caller's own code. */
    public boolean maySee(String code) {
        return jurisdiction().map(own -> Jurisdiction.contains(own, code)).orElse(false);
    }

    /**
     * Refuses with 404 rather than 403 for data outside the caller's scope, so that a neighbour
     * cannot even learn whether a record exists.
     */
    public void requireVisible(String code, String what) {
        if (!maySee(code)) {
            throw ProblemException.notFound(what);
        }
    }

    /** Refuses with 403 a write aimed at a code outside the caller's scope. */
    public void requireWithin(String code, String field) {
        if (!maySee(code)) {
            throw ProblemException.forbidden(
                    "字段 " + field + " 所指的辖区不在您的管辖范围内",
                    "the jurisdiction in field " + field + " is outside your scope");
        }
    }

    /**
     * The jurisdiction a report or list asks for (parameter {@code jurisdiction}; default the
     * caller's own): a valid 12-digit code (else 422) within the caller's scope (else 403).
     */
    public String requestedOrOwn(String requested) {
        String code = requested != null ? requested : ownOrForbidden();
        if (!Jurisdiction.isValid(code)) {
            throw ProblemException.validation("jurisdiction", "须为12位区划代码", "must be a 12-digit division code");
        }
        requireWithin(code, "jurisdiction");
        return code;
    }

    /** The caller's own code; 403 when the token carries none (fails closed). */
    public String ownOrForbidden() {
        return jurisdiction()
                .orElseThrow(() -> ProblemException.forbidden("令牌中缺少辖区代码", "the token carries no jurisdiction"));
    }

    /** SQL LIKE prefix of the caller's scope, e.g. {@code 310104001%}; fails closed without a claim. */
    public String likePrefix() {
        return Jurisdiction.prefix(ownOrForbidden()) + "%";
    }

    /** The actor recorded on events: subject and main role, never a resident's personal data. */
    public Actor actor() {
        String role = roles().stream().sorted().findFirst().orElse("anonymous");
        for (String preferred : new String[] { Roles.DISTRICT_STAFF, Roles.SUBDISTRICT_STAFF, Roles.COMMUNITY_STAFF,
                Roles.HANDLING_UNIT, Roles.REPRESENTATIVE, Roles.LIAISON_OFFICER, Roles.OPEN311_PARTNER,
                Roles.SERVICE, Roles.OPS_ADMIN }) {
            if (hasRole(preferred)) {
                role = preferred;
                break;
            }
        }
        return new Actor(isAuthenticated() ? subject() : "anonymous", role);
    }

    private Optional<String> claim(String name) {
        if (identity.isAnonymous()) {
            return Optional.empty();
        }
        Object value = token.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String s = value instanceof jakarta.json.JsonString js ? js.getString() : value.toString();
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
