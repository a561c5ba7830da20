package org.minqing.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.minqing.e2e.Api.eventually;
import static org.minqing.testing.DemoRealm.C11;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.minqing.testing.DemoRealm;
import org.minqing.testing.NativeKafka;

/** The platform keeps its promises when parts of it fail: each fault is really done to it. */
@Order(10)
class FaultsTest {

    private static final String[] LINES = { "housing", "urban-management", "environment", "transport", "education" };

    /** n distinct cases recorded by c11.staff (distinct places and wording, so none is a repeat of another). */
    private static List<String> recordCases(int n, Runnable atHalfway) throws Exception {
        return recordCases(n, atHalfway, null);
    }

    /** As above; with {@code phones} given, each case has a visitor with a fresh mobile number, collected there. */
    private static List<String> recordCases(int n, Runnable atHalfway, Map<String, String> phones) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    String tag = UUID.randomUUID().toString();
                    Map<String, Object> body = new java.util.HashMap<>(Map.of("channel", "HOTLINE", "communityCode", C11,
                            "lineCode", LINES[k % LINES.length], "address", "批量路" + tag.substring(0, 8) + "号",
                            "description", "故障演练 " + tag + " 第" + k + "件", "households", 1, "persons", 1));
                    String phone = phones == null ? null : Api.freshPhone();
                    if (phone != null) {
                        body.put("visitors", List.of(Map.of("name", "演练居民", "phone", phone)));
                    }
                    io.restassured.response.Response r = Api.recordCase("c11.staff", body);
                    r.then().statusCode(201);
                    String id = r.path("id");
                    ids.add(id);
                    if (phone != null) {
                        phones.put(id, phone + " " + r.path("receiptCode"));
                    }
                    if (done.incrementAndGet() == n / 2 && atHalfway != null) {
                        atHalfway.run();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(ids).hasSize(n);
        return ids;
    }

    private static void awaitEachReferredOnce(List<String> ids, Duration timeout) {
        eventually().atMost(timeout).untilAsserted(() -> assertThat(Db.referredCases(ids)).isEqualTo(ids.size()));
        assertThat(Db.referralsAndRepeatLinks(ids)).as("no case referred twice").isEqualTo(ids.size());
    }

    @Test
    @Order(1)
    void poisonMessageGoesToTheDeadLetterTopicAndReferralServiceCarriesOn() throws Exception {
        Api.platform();
        String key = "poison-" + UUID.randomUUID();
        byte[] poison = ("{\"not\":\"an envelope\", \"marker\":\"" + key + "\"").getBytes(StandardCharsets.UTF_8);
        Kafka.produce("minqing.intake.case", key, poison);
        eventually().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(Kafka.readAll("minqing.intake.case.dlt.referral"))
                .anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains(key)));
        List<String> after = recordCases(3, null);
        awaitEachReferredOnce(after, Duration.ofSeconds(120));
    }

    @Test
    @Order(2)
    void referralServiceKilledMidStreamLosesNothingAndDoesNothingTwice() throws Exception {
        ManagedProcess referral = Api.platform().service("referral");
        List<String> ids = recordCases(200, referral::kill);
        assertThat(referral.isAlive()).isFalse();
        referral.start();
        referral.awaitReady(Duration.ofMinutes(3));
        awaitEachReferredOnce(ids, Duration.ofSeconds(180));
    }

    @Test
    @Order(4)
    void brokerKilledDuringABurstOfAThousandCases() throws Exception {
        Api.platform();
        NativeKafka kafka = NativeKafka.shared();
        Map<String, String> phones = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> ids = recordCases(1000, kafka::kill, phones);
        assertThat(kafka.isRunning()).isFalse();
        kafka.restart();
        awaitEachReferredOnce(ids, Duration.ofSeconds(300));
        // And acknowledged exactly once: one SMS to each visitor, with that case's receipt code.
        eventually().atMost(Duration.ofSeconds(300)).untilAsserted(() -> {
            Map<String, Long> sent = Api.platform().sms.sentBodies().stream()
                    .map(b -> b.replaceAll("(?s).*\"to\"\\s*:\\s*\"(\\d{11})\".*", "$1"))
                    .collect(java.util.stream.Collectors.groupingBy(x -> x, java.util.stream.Collectors.counting()));
            for (String phoneAndCode : phones.values()) {
                assertThat(sent.getOrDefault(phoneAndCode.split(" ")[0], 0L)).as(phoneAndCode).isEqualTo(1L);
            }
        });
        for (String body : Api.platform().sms.sentBodies()) {
            for (String phoneAndCode : phones.values()) {
                String[] pc = phoneAndCode.split(" ");
                if (body.contains(pc[0])) {
                    assertThat(body).contains(pc[1]);
                }
            }
        }
    }

    @Test
    @Order(3)
    void twoReferralInstancesShareThePartitionsAndOneTakesOverWhenTheOtherDiesOrStops() throws Exception {
        E2ePlatform p = Api.platform();
        ManagedProcess second = p.extraInstance("referral", "b");
        second.start();
        second.awaitReady(Duration.ofMinutes(3));
        ManagedProcess first = p.service("referral");
        try {
            List<String> before = recordCases(40, null);
            awaitEachReferredOnce(before, Duration.ofSeconds(180));
            // SIGKILL: a crash. The survivor picks up the partitions once the group notices.
            List<String> during = recordCases(60, first::kill);
            assertThat(first.isAlive()).isFalse();
            awaitEachReferredOnce(during, Duration.ofSeconds(180));
            // The survivor answers the API for all of them.
            String token = Sso.user("sub1.staff");
            for (String id : during.subList(0, 5)) {
                given().auth().oauth2(token).queryParam("caseId", id)
                        .get("http://127.0.0.1:" + p.extraPort(second) + "/referrals").then().statusCode(200)
                        .body("size()", org.hamcrest.Matchers.is(1));
            }

            // SIGTERM, as Kubernetes stops a pod: the stopping instance leaves the group and hands its
            // partitions over; what it was processing is redelivered, not dead-lettered (a graceful stop
            // once sent records in flight to the DLT with "EntityManagerFactory is closed").
            first.start();
            first.awaitReady(Duration.ofMinutes(3));
            String dlt = "minqing.intake.case.dlt.referral";
            int deadLettered = Kafka.readAll(dlt).size();
            List<String> graceful = recordCases(60, second::stop);
            assertThat(second.isAlive()).isFalse();
            awaitEachReferredOnce(graceful, Duration.ofSeconds(180));
            assertThat(Kafka.readAll(dlt)).as("nothing dead-lettered by the graceful stop").hasSize(deadLettered);
        } finally {
            if (!first.isAlive()) {
                first.start();
                first.awaitReady(Duration.ofMinutes(3));
            }
            second.stop();
        }
    }

    @Test
    @Order(5)
    void keycloakStoppedIssuedTokensStillWorkNewSignInsFailCleanly() {
        E2ePlatform p = Api.platform();
        Sso.forget();
        String issued = Sso.user("c11.staff");
        String forged = forgedKid(issued);
        ManagedProcess keycloak = p.keycloak;
        keycloak.stop();
        try {
            given().auth().oauth2(issued).get(p.url("intake") + "/cases?limit=1").then().statusCode(200);
            given().auth().oauth2(issued).get(p.url("referral") + "/referrals?status=REFERRED").then().statusCode(200);
            // A token whose key the service does not know cannot be checked while Keycloak is down: 401, never 500.
            given().auth().oauth2(forged).get(p.url("intake") + "/cases?limit=1").then().statusCode(401);
            // A new sign-in fails on the client side with a clear error (nothing listens).
            assertThatThrownBy(() -> Sso.passwordGrant("c12.staff", "demo")).satisfies(t -> {
                boolean refused = false;
                for (Throwable c = t; c != null; c = c.getCause()) {
                    refused |= c instanceof java.net.ConnectException;
                }
                assertThat(refused).as("connection refused: " + t).isTrue();
            });
        } finally {
            Sso.forget();
            keycloak.start();
            keycloak.awaitReady(Duration.ofMinutes(4));
        }
        // Signed in again after the restart, the same realm and keys.
        given().auth().oauth2(Sso.user("c12.staff")).get(p.url("intake") + "/cases?limit=1").then().statusCode(200);
    }

    /** The same token with a key id nobody issued (signature then cannot be verified). */
    private static String forgedKid(String token) {
        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replaceAll("\"kid\"\\s*:\\s*\"[^\"]*\"", "\"kid\":\"unknown-" + UUID.randomUUID() + "\"");
        if (!header.contains("unknown-")) {
            throw new IllegalStateException("no kid in " + header);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + "." + parts[2];
    }
}
