package org.minqing.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.minqing.kit.worker.PollingWorker;

import org.minqing.kit.tracing.TraceContext;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes outbox rows to Kafka in id order, with an idempotent producer and {@code acks=all},
 * and marks them sent once the broker has acknowledged them.
 *
 * <p>One relay at a time per database (a PostgreSQL advisory lock), so several instances of a
 * service never interleave one aggregate's events. When the broker is down the rows simply stay
 * unsent and the relay backs off; writes are not affected. Each pass sends at most one event per
 * key, so a failed event can never be overtaken by a later one of the same aggregate; a row whose
 * acknowledgement was lost is re-sent, a duplicate that idempotent consumers ignore. A row that
 * cannot be published is parked (L1, {@link #park}) so that it stops blocking its key and the relay.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: the advisory-lock id that elects the single relay of a database. */
    private static final long RELAY_LOCK = 0x6d696e71696e67L;

    public static final String HEADER_EVENT_TYPE = "minqing-event-type";
    public static final String HEADER_EVENT_ID = "minqing-event-id";
    public static final String HEADER_JURISDICTION = "minqing-jurisdiction";

    @Inject
    EntityManager em;

    /** Issue 15: one PRODUCER span per published row, child of the writer's span (a no-op tracer when tracing is off). */
    @Inject
    io.opentelemetry.api.trace.Tracer tracer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** M3/L13: the broker's security settings (SASL/SCRAM), shared with the SmallRye channels. */
    @ConfigProperty(name = "kafka.security.protocol", defaultValue = "PLAINTEXT")
    String securityProtocol;

    @ConfigProperty(name = "kafka.sasl.mechanism", defaultValue = "SCRAM-SHA-512")
    String saslMechanism;

    @ConfigProperty(name = "kafka.sasl.jaas.config", defaultValue = "")
    String saslJaasConfig;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    @Inject
    OutboxSettings settings;

    private volatile Instant lastFailure;
    private KafkaProducer<String, String> producer;
    private PollingWorker worker;

    void start(@Observes StartupEvent event) {
        if (!settings.enabled()) {
            LOG.info("outbox relay disabled (minqing.outbox.enabled=false)");
            return;
        }
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        worker = new PollingWorker("outbox-relay", settings.pollInterval(), Duration.ofMillis(200), settings.maxBackoff());
        worker.start(this::pass);
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(10));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Wakes the relay as soon as a transaction that wrote outbox rows has committed. */
    void onWritten(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        if (worker != null) {
            worker.wake();
        }
    }

    /** When the last publish attempt failed, or null; the broker is presumed down meanwhile. */
    public Instant lastFailure() {
        return lastFailure;
    }

    public long pendingCount() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("sentAt is null and parkedAt is null"));
    }

    /** L1: rows set aside because they cannot be published; each was logged at ERROR when parked. */
    public long parkedCount() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("sentAt is null and parkedAt is not null"));
    }

    /** One batch; while the broker refuses, the worker backs off and {@link #lastFailure} says since when. */
    private PollingWorker.Next pass() {
        try {
            BatchResult result = QuarkusTransaction.requiringNew().timeout(120).call(this::relayBatch);
            if (result.failed()) {
                lastFailure = Instant.now();
                return PollingWorker.Next.FAILED;
            }
            lastFailure = null;
            return result.read() < settings.batchSize() ? PollingWorker.Next.IDLE : PollingWorker.Next.MORE;
        } catch (RuntimeException e) {
            // Database unavailable or similar: the worker logs it and tries again later.
            lastFailure = Instant.now();
            throw e;
        }
    }

    private BatchResult relayBatch() {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(:lock)")
                .setParameter("lock", RELAY_LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return new BatchResult(0, false);
        }
        // Parked rows (L1) are out of the queue: they block neither their key nor the relay.
        List<OutboxEvent> unsent = em
                .createQuery("from OutboxEvent where sentAt is null and parkedAt is null order by id", OutboxEvent.class)
                .setMaxResults(settings.batchSize())
                .getResultList();
        if (unsent.isEmpty()) {
            return new BatchResult(0, false);
        }
        // At most one event per key in flight: if it fails, nothing behind it can overtake it.
        Set<String> keys = new HashSet<>();
        List<OutboxEvent> rows = new ArrayList<>(unsent.size());
        for (OutboxEvent row : unsent) {
            if (keys.add(row.messageKey)) {
                rows.add(row);
            }
        }
        // A topic whose metadata cannot be had (broker down, topic deleted) costs max.block.ms once
        // per pass, not once per row: its other rows wait for the next pass, other topics go on.
        Set<String> blockedTopics = new HashSet<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            if (blockedTopics.contains(row.topic)) {
                acks.add(null);
                continue;
            }
            Future<RecordMetadata> ack;
            io.opentelemetry.api.trace.Span span = publishSpan(row);
            try {
                ack = producer.send(record(row, span));
            } catch (RuntimeException e) {
                ack = failed(e);
            } finally {
                span.end();
            }
            if (ack.isDone() && failure(ack) instanceof org.apache.kafka.common.errors.TimeoutException) {
                blockedTopics.add(row.topic);
            }
            acks.add(ack);
        }
        List<Long> sent = new ArrayList<>(acks.size());
        List<OutboxEvent> failedRows = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        String error = null;
        for (int i = 0; i < rows.size(); i++) {
            OutboxEvent row = rows.get(i);
            Future<RecordMetadata> ack = acks.get(i);
            if (ack == null) {
                continue; // held back behind its blocked topic; not an attempt
            }
            Throwable failure;
            try {
                ack.get();
                sent.add(row.id);
                continue;
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("relay interrupted", e);
            }
            error = error == null ? failure.toString() : error;
            row.attempts++;
            row.lastError = truncate(failure.toString());
            failedRows.add(row);
            failures.add(failure);
        }
        for (int i = 0; i < failedRows.size(); i++) {
            park(failedRows.get(i), failures.get(i), !sent.isEmpty());
        }
        if (!sent.isEmpty()) {
            em.createQuery("update OutboxEvent set sentAt = :now where id in :ids")
                    .setParameter("now", Instant.now())
                    .setParameter("ids", sent)
                    .executeUpdate();
        }
        if (error != null || !blockedTopics.isEmpty()) {
            LOG.warnf("outbox relay: %d of %d events published; will retry the rest: %s%s", sent.size(), rows.size(),
                    error, blockedTopics.isEmpty() ? "" : " (no metadata for " + blockedTopics + ")");
        }
        // A full read, or rows held back behind their key, means there is more to do right away.
        int read = unsent.size() > rows.size() ? settings.batchSize() : unsent.size();
        return new BatchResult(read, error != null || !blockedTopics.isEmpty());
    }

    /**
     * L1: sets a row aside (state parked, with the reason) so that it blocks neither its key nor
     * the relay, and alerts with an ERROR line. Parked at once: what the broker refuses for good
     * (too large, invalid topic, bad data). Parked after max-attempts: a row that keeps failing
     * while others in the same pass reach the broker. Never parked: failures of the broker or of
     * the service's permissions, which every row shares (those are retried until they clear).
     * Ops put a parked row back with {@code update outbox_event set parked_at = null ...}.
     */
    private void park(OutboxEvent row, Throwable failure, boolean brokerUp) {
        boolean permanent = !(failure instanceof org.apache.kafka.common.errors.RetriableException)
                && !(failure instanceof org.apache.kafka.common.errors.AuthorizationException)
                && !(failure instanceof org.apache.kafka.common.errors.AuthenticationException)
                && !(failure instanceof org.apache.kafka.common.errors.InterruptException);
        boolean exhausted = brokerUp && row.attempts >= settings.maxAttempts();
        if (!permanent && !exhausted) {
            return;
        }
        row.parkedAt = Instant.now();
        row.parkReason = truncate((permanent ? "refused by the broker: " : "failed " + row.attempts + " times: ") + failure);
        LOG.errorf("outbox event %s (%s, topic %s, key %s) PARKED and skipped: %s", row.eventId, row.eventType, row.topic,
                row.messageKey, row.parkReason);
    }

    private static Throwable failure(Future<RecordMetadata> done) {
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static Future<RecordMetadata> failed(RuntimeException e) {
        java.util.concurrent.CompletableFuture<RecordMetadata> f = new java.util.concurrent.CompletableFuture<>();
        f.completeExceptionally(e);
        return f;
    }

    /** Deletes rows published long ago; the outbox is a queue, not an archive. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeSent() {
        QuarkusTransaction.requiringNew().run(() -> em
                .createQuery("delete from OutboxEvent where sentAt < :before")
                .setParameter("before", Instant.now().minus(settings.retention()))
                .executeUpdate());
    }

    /**
     * Issue 15: a span for handing the row to the broker, in the trace of the transaction that
     * wrote it (its traceparent column); nothing is recorded for rows written without a trace.
     */
    private io.opentelemetry.api.trace.Span publishSpan(OutboxEvent row) {
        if (row.traceParent == null) {
            return io.opentelemetry.api.trace.Span.getInvalid();
        }
        return tracer.spanBuilder(row.topic + " publish")
                .setParent(TraceContext.parent(row.traceParent))
                .setSpanKind(io.opentelemetry.api.trace.SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", row.topic)
                .setAttribute("messaging.message.id", row.eventId.toString())
                .setAttribute("minqing.event.type", row.eventType)
                .startSpan();
    }

    private ProducerRecord<String, String> record(OutboxEvent row, io.opentelemetry.api.trace.Span span) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.messageKey, row.envelope);
        // Issue 15: the consumers continue the trace from here (the relay's span, or else the writer's).
        String traceParent = TraceContext.of(span.getSpanContext());
        traceParent = traceParent != null ? traceParent : row.traceParent;
        if (traceParent != null) {
            record.headers().add(TraceContext.HEADER, traceParent.getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add(HEADER_EVENT_TYPE, row.eventType.getBytes(StandardCharsets.UTF_8));
        record.headers().add(HEADER_EVENT_ID, row.eventId.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(HEADER_JURISDICTION, row.jurisdiction.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private Properties producerConfig() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put("security.protocol", securityProtocol);
        if (securityProtocol.startsWith("SASL")) {
            p.put("sasl.mechanism", saslMechanism);
            p.put("sasl.jaas.config", saslJaasConfig);
        }
        // TLS settings (trust store of the brokers' CA), as the SmallRye channels get them.
        for (String name : org.eclipse.microprofile.config.ConfigProvider.getConfig().getPropertyNames()) {
            if (name.startsWith("kafka.ssl.")) {
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(name, String.class)
                        .ifPresent(v -> p.put(name.substring("kafka.".length()), v));
            }
        }
        p.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Fail a pass within seconds when the broker is gone, rather than holding the batch.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        return p;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private record BatchResult(int read, boolean failed) {
    }
}
