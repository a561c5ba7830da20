package org.minqing.kit.messaging;

import java.sql.SQLException;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.minqing.kit.metrics.MinqingMeters;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;

/**
 * Failure strategy {@code dead-letter-unless-transient}: a message that cannot be processed goes
 * to the channel's dead-letter topic, but one that failed only because the service could not
 * reach its database, or was shutting down, is not dead-lettered: the channel stops without
 * committing its offset, and the message is handled again after restart (or by another instance
 * of the group). Without this, a graceful stop dead-lettered messages that were perfectly valid.
 */
@ApplicationScoped
@Identifier(DeadLetterUnlessTransient.STRATEGY)
public class DeadLetterUnlessTransient implements KafkaFailureHandler.Factory {

    public static final String STRATEGY = "dead-letter-unless-transient";

    private static volatile boolean shuttingDown;

    @Inject
    @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE)
    KafkaFailureHandler.Factory deadLetter;

    @Inject
    @Identifier(KafkaFailureHandler.Strategy.FAIL)
    KafkaFailureHandler.Factory fail;

    @Inject
    MinqingMeters meters;

    void onStop(@Observes ShutdownEvent event) {
        shuttingDown = true;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, io.vertx.mutiny.core.Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler toDeadLetter = deadLetter.create(config, vertx, consumer, reportFailure);
        KafkaFailureHandler stop = fail.create(config, vertx, consumer, reportFailure);
        // Issue 15: dead letters per incoming channel, counted once the dead-letter topic has the record.
        io.micrometer.core.instrument.Counter deadLettered = meters.counter(MinqingMeters.DEAD_LETTERED, "channel",
                config.getChannel());
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                return shuttingDown || isTransient(reason)
                        ? stop.handle(record, reason, metadata)
                        : toDeadLetter.handle(record, reason, metadata).invoke(() -> deadLettered.increment());
            }

            @Override
            public void terminate() {
                toDeadLetter.terminate();
                stop.terminate();
            }
        };
    }

    /**
     * Transient: the database (or its pool) was unreachable, a lock could not be had, the
     * transaction lost a deadlock or a serialization conflict (L3), or the persistence layer was
     * already closed. Bad data, constraint violations and poison messages are not.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonMessageException) {
                return false;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // No state: pool acquisition timeout; 08 connection, 53 resources, 57 shutdown;
                // L3: 40P01 deadlock and 40001 serialization failure succeed when tried again.
                return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.equals("40P01") || state.equals("40001");
            }
            String message = String.valueOf(t.getMessage());
            if (t instanceof IllegalStateException && message.contains("EntityManagerFactory is closed")) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.endsWith("JDBCConnectionException") || name.endsWith("LockTimeoutException")
                    || name.endsWith("PessimisticLockException") || name.endsWith("LockAcquisitionException")) {
                return true;
            }
        }
        return false;
    }
}
