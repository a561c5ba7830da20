package org.minqing.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens accepted by the local OIDC test server ({@code OidcWiremockTestResource}): same
 * issuer and signing key, with our claims: realm roles, {@code jurisdiction}, {@code unit},
 * {@code representative_id}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";

    private TestTokens() {
    }

    public static String of(String subject, String role, String jurisdiction) {
        return token(subject, Set.of(role), jurisdiction, Map.of());
    }

    public static String handlingUnit(String subject, String unitId, String jurisdiction) {
        return token(subject, Set.of("handling-unit"), jurisdiction, Map.of("unit", unitId));
    }

    public static String representative(String subject, String representativeId, String jurisdiction) {
        return token(subject, Set.of("representative"), jurisdiction, Map.of("representative_id", representativeId));
    }

    /**
     * A client-credentials token of Keycloak client {@code clientId}, as Keycloak issues it: role
     * {@code service}, {@code azp} = the client id (M8: the kit admits it only where granted).
     */
    public static String serviceAccount(String clientId, String jurisdiction) {
        return token("service-account-" + clientId, Set.of("service"), jurisdiction, Map.of("azp", clientId));
    }

    public static String token(String subject, Set<String> roles, String jurisdiction, Map<String, String> extraClaims) {
        Map<String, Object> claims = new HashMap<>(extraClaims);
        if (jurisdiction != null) {
            claims.put("jurisdiction", jurisdiction);
        }
        var builder = Jwt.claims(claims)
                .subject(subject)
                .preferredUserName(subject)
                .issuer(ISSUER)
                .audience("https://service.example.com")
                .claim("realm_access", Map.of("roles", roles))
                .expiresIn(3600);
        return builder.jws().keyId("1").sign("privateKey.jwk");
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
