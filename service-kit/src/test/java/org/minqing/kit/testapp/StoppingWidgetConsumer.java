package org.minqing.kit.testapp;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.kit.inbox.InboxBatches;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Issue 16: as {@link BatchWidgetConsumer}, but an event marked {@code "transient": true} fails as if the
 * database had gone away. The kit's failed outcome is kept for BatchConsumerTest.
 */
@ApplicationScoped
public class StoppingWidgetConsumer {

    public static final String TOPIC = "minqing.kit-test.widget-stop";
    public static final CompletableFuture<Throwable> STOPPED = new CompletableFuture<>();

    @Inject
    InboxBatches batches;

    @Inject
    BatchWidgetConsumer widgets;

    @Incoming("widget-stops")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return batches.take("kit-test-stop", batch, InboxBatches.Retry.ONCE, d -> {
            if (d.envelope().payload().path("transient").asBoolean()) {
                throw new IllegalStateException("could not write", new SQLException("connection lost", "08006"));
            }
            widgets.apply(d);
        }).handle((ok, failure) -> {
            // Kept for the test rather than returned: a failed stage marks the application DOWN (the
            // messaging health check), as a stopped channel should in a service, and this test
            // application is shared by the other tests, which check its health.
            if (failure != null) {
                STOPPED.complete(failure);
            }
            return null;
        });
    }
}
