package org.minqing.kit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.kit.outbox.OutboxRelay;
import org.minqing.testing.NativeKafka;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Really kills the broker (SIGKILL) while the service keeps writing, restarts it, and checks that
 * every event arrives, in order per key, and is applied exactly once.
 */
@QuarkusTest
class OutboxBrokerOutageTest {

    static final String STAFF = TestTokens.of("c11-staff", "community-staff", "310104001001");

    @Inject
    EntityManager em;

    @Inject
    OutboxRelay relay;

    @Test
    void eventsWrittenWhileTheBrokerIsDownArriveInOrderExactlyOnce() {
        // Warm-up: the pipeline works before the outage.
        UUID first = UUID.randomUUID();
        put(first, "before-outage");
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(first).size() == 1);

        NativeKafka kafka = NativeKafka.shared();
        kafka.kill();
        try {
            List<UUID> widgets = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                widgets.add(UUID.randomUUID());
            }
            // 20 aggregates × 5 changes, interleaved, all accepted while the broker is gone.
            for (int version = 1; version <= 5; version++) {
                for (UUID w : widgets) {
                    put(w, "v" + version);
                }
            }
            assertThat(pending()).as("events wait in the outbox while the broker is down").isGreaterThanOrEqualTo(100);
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.lastFailure() != null);
            // Issue 15: the API stays in service meanwhile: ready (with the relay's view of the
            // broker), alive, and started, so a pod restarted now would also come up.
            given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                    .body("checks.find { it.name == 'Outbox relay' }.data.broker", startsWith("unreachable since"));
            given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
            given().get("/q/health/started").then().statusCode(200).body("status", is("UP"));

            kafka.restart();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> widgets.stream().allMatch(w -> applied(w).size() >= 5));
            for (UUID w : widgets) {
                assertThat(applied(w)).as("versions of %s applied once each, in order", w).containsExactly(1, 2, 3, 4, 5);
            }
            assertThat(pending()).isZero();
            Long distinctEvents = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                    .createNativeQuery("select count(distinct event_id) - count(*) from widget_applied").getSingleResult())
                    .longValue());
            assertThat(distinctEvents).as("no event applied twice").isZero();
        } finally {
            if (!kafka.isRunning()) {
                kafka.restart();
            }
        }
    }

    /** Issue 15: the Kafka channel's startup check is off (readiness is off connector-wide). */
    @Test
    void theKafkaChannelsStartupCheckIsOff() {
        assertThat(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.messaging.health.\"widgets\".startup.enabled", Boolean.class)).isFalse();
        assertThat(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("mp.messaging.connector.smallrye-kafka.health-readiness-enabled", Boolean.class)).isFalse();
    }

    static void put(UUID id, String name) {
        given().header("Authorization", TestTokens.bearer(STAFF))
                .contentType("application/json")
                .body(Map.of("name", name, "jurisdiction", "310104001001"))
                .post("/widgets/" + id)
                .then().statusCode(200);
    }

    List<Integer> applied(UUID widget) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("select version from widget_applied where widget_id = :w order by seq", Integer.class)
                .setParameter("w", widget)
                .getResultList());
    }

    long pending() {
        return relay.pendingCount();
    }
}
