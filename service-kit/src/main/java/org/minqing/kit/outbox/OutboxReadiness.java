package org.minqing.kit.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.minqing.kit.metrics.OutboxMeters;

/**
 * Issue 15: readiness says what the outbox relay sees of the broker, but stays UP while the broker
 * is away. Writes go to the outbox in the database and are published when the broker is back
 * (ADR 0002), so taking the pods out of their Services during a broker outage would only take the
 * API away. The Kafka channels' own readiness checks are off for the same reason
 * ({@code health-readiness-enabled=false}, and {@link KafkaStartupChecksOff} for the startup probe);
 * their liveness checks stay: a channel that stopped on a failure restarts the pod. The outage is
 * alerted from the outbox's age (alert MinqingOutboxStuck), not from the probes.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxMeters meters;

    @Override
    public HealthCheckResponse call() {
        Instant failing = relay.lastFailure();
        return HealthCheckResponse.named("Outbox relay")
                .up()
                .withData("broker", failing == null ? "reachable" : "unreachable since " + failing)
                .withData("waiting", meters.waiting())
                .withData("parked", meters.parked())
                .build();
    }
}
