package org.minqing.kit.outbox;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One integration event waiting to be (or already) published; see {@link Outbox}. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false, length = 12)
    public String jurisdiction;

    /** The serialised {@code EventEnvelope}, exactly as it goes on the wire. */
    @Column(nullable = false, columnDefinition = "text")
    public String envelope;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public Instant sentAt;

    public int attempts;

    public String lastError;

    /** L1: set aside because it cannot be published; the relay skips it (see OutboxRelay#park). */
    public Instant parkedAt;

    public String parkReason;

    /** Issue 15: W3C traceparent of the writing transaction's span, sent as the Kafka header; null when not traced. */
    @Column(name = "trace_parent", length = 55)
    public String traceParent;
}
