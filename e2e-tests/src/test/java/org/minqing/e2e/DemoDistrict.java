package org.minqing.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The demo district (演示城区) entered as ops-admin through the services' APIs, from the same file the
 * local platform loads ({@code infra/demo-district/demo-district.requests}, ADR 0026): the services'
 * jars and migrations hold none of it.
 */
final class DemoDistrict {

    /** One line of the file: METHOD SERVICE PATH JSON-BODY. */
    record Request(String method, String service, String path, String body) {
        boolean isUnit() {
            return service.equals("referral") && path.startsWith("/units/");
        }
    }

    private DemoDistrict() {
    }

    static List<Request> requests(Path repo) {
        try {
            return Files.readAllLines(repo.resolve("infra/demo-district/demo-district.requests"), StandardCharsets.UTF_8)
                    .stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> {
                        String[] p = l.split(" ", 4);
                        return new Request(p[0], p[1], p[2], p[3]);
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the demo units (their mailboxes in notification follow them). */
    static Set<String> unitIds(Path repo) {
        return requests(repo).stream().filter(Request::isUnit).map(r -> r.path().substring("/units/".length()))
                .collect(Collectors.toSet());
    }

    /**
     * Every request to each piece in turn ({@code service -> base URL}). A piece that does not keep a
     * record answers 409 {@code jurisdiction-of-another-piece} and receives it by event from the one that
     * does; {@code community-exists} means it is there. Anything else fails the suite's start.
     */
    static void load(Path repo, List<Map<String, String>> pieces) {
        String token = Sso.user("ops");
        for (Map<String, String> piece : pieces) {
            for (Request r : requests(repo)) {
                Response res = given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON)
                        .body(r.body()).request(r.method(), piece.get(r.service()) + r.path());
                String body = res.asString();
                boolean keptElsewhere = res.statusCode() == 409
                        && (body.contains("jurisdiction-of-another-piece") || body.contains("community-exists"));
                assertThat(res.statusCode() / 100 == 2 || keptElsewhere)
                        .as("demo district: %s %s %s answered %d %s", r.method(), r.service(), r.path(), res.statusCode(), body)
                        .isTrue();
            }
        }
    }

    /** Waits until the piece's notification has followed every demo unit (referral.unit.changed). */
    static void awaitUnitMailboxes(Path repo, String notificationUrl) {
        Set<String> units = unitIds(repo);
        Api.eventually().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<String> keys = given().auth().oauth2(Sso.user("ops")).get(notificationUrl + "/mailboxes").then()
                    .statusCode(200).extract().jsonPath().getList("findAll { it.kind == 'UNIT' }.key");
            assertThat(keys).containsAll(units);
        });
    }
}
