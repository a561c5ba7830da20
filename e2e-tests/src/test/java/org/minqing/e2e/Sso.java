package org.minqing.e2e;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.response.Response;

/** Tokens from the real Keycloak: password grant for scripted users, client credentials for services. */
public final class Sso {

    /** Access tokens live 300 s in the realm; sign in again well before that. */
    private static final Duration REUSE = Duration.ofSeconds(180);

    private record Issued(String token, Instant at) {
    }

    private static final Map<String, Issued> CACHE = new ConcurrentHashMap<>();

    private Sso() {
    }

    public static String user(String username) {
        return cached("user:" + username, () -> passwordGrant(username, "demo").then()
                .statusCode(200).extract().path("access_token"));
    }

    public static Response passwordGrant(String username, String password) {
        return given().formParam("grant_type", "password").formParam("client_id", "e2e-tests")
                .formParam("client_secret", "e2e-tests-secret").formParam("username", username)
                .formParam("password", password)
                .post(tokenUrl());
    }

    public static String client(String clientId) {
        return cached("client:" + clientId, () -> given().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", clientId + "-secret")
                .post(tokenUrl()).then().statusCode(200).extract().path("access_token"));
    }

    private static String cached(String key, java.util.function.Supplier<String> signIn) {
        Issued i = CACHE.compute(key, (k, old) -> old != null && old.at().plus(REUSE).isAfter(Instant.now())
                ? old : new Issued(signIn.get(), Instant.now()));
        return i.token();
    }

    /** Forget cached tokens; the next call signs in again. */
    public static void forget() {
        CACHE.clear();
    }

    static String tokenUrl() {
        return E2ePlatform.get().keycloakUrl() + "/realms/minqing/protocol/openid-connect/token";
    }
}
