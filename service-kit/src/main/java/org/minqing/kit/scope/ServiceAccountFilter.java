package org.minqing.kit.scope;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.minqing.kit.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * M8: the realm role {@code service} alone no longer opens anything. A service-account token (one
 * carrying that role) reaches only the operations granted to its own client, named by the token's
 * {@code azp} (or {@code client_id}) claim, in {@code minqing.service-access.<client-id>}: a
 * comma-separated list of {@code METHOD /path} with {@code *} for one path segment, e.g.
 * {@code minqing.service-access.notification-service=GET /internal/cases/*&#47;contacts}.
 * Everything else answers 403 to a service account, so a leaked secret of one service reads no
 * other service's data. Users' tokens (console, e2e password grants) are not affected.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 10)
public class ServiceAccountFilter implements ContainerRequestFilter {

    public static final String ACCESS_PREFIX = "minqing.service-access.";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    Config config;

    private final Map<String, List<Grant>> grants = new ConcurrentHashMap<>();

    public record Grant(String method, Pattern path) {
        public boolean allows(String m, String p) {
            return (method.equals("*") || method.equalsIgnoreCase(m)) && path.matcher(p).matches();
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (identity.isAnonymous() || !identity.hasRole(Roles.SERVICE)) {
            return;
        }
        String client = clientId();
        String path = "/" + request.getUriInfo().getPath().replaceAll("^/+", "");
        if (client == null || grantsOf(client).stream().noneMatch(g -> g.allows(request.getMethod(), path))) {
            throw ProblemException.forbidden("此服务账号无权调用该接口",
                    "this service account (" + (client == null ? "no client id" : client) + ") may not call this operation");
        }
    }

    private String clientId() {
        for (String claim : new String[] { "azp", "client_id" }) {
            Object v = token.getClaim(claim);
            String s = v instanceof jakarta.json.JsonString js ? js.getString() : v == null ? null : v.toString();
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    List<Grant> grantsOf(String client) {
        return grants.computeIfAbsent(client, c -> parse(
                config.getOptionalValues(ACCESS_PREFIX + c, String.class).orElse(List.of())));
    }

    /** {@code METHOD /a/*&#47;b} entries; {@code *} matches one path segment. */
    public static List<Grant> parse(List<String> entries) {
        return entries.stream().map(String::trim).filter(e -> !e.isEmpty()).map(e -> {
            String[] parts = e.split("\\s+", 2);
            String method = parts.length == 2 ? parts[0].toUpperCase(Locale.ROOT) : "*";
            String pattern = parts.length == 2 ? parts[1] : parts[0];
            String[] pieces = pattern.split("\\*", -1);
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < pieces.length; i++) {
                if (i > 0) {
                    re.append("[^/]+");
                }
                re.append(Pattern.quote(pieces[i]));
            }
            return new Grant(method, Pattern.compile(re.toString()));
        }).toList();
    }
}
