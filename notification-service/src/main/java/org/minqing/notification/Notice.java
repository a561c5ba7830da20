package org.minqing.notification;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One notice (通知): a source event told to one recipient on one channel. The unique key
 * (source event, recipient kind, recipient id, channel) makes planning idempotent; the state
 * machine PENDING → SENDING → SENT | FAILED (retry) → DEAD makes sending at most once.
 */
@Entity
@Table(name = "notice")
public class Notice extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "source_event_id")
    public UUID sourceEventId;
    @Column(name = "source_event_type")
    public String sourceEventType;
    @Column(name = "correlation_id")
    public String correlationId;
    public String jurisdiction;
    @Column(name = "recipient_kind")
    public String recipientKind;
    @Column(name = "recipient_id")
    public String recipientId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Column(name = "legally_required")
    public boolean legallyRequired;
    public boolean urgent;
    /** Template data as JSON; never a resident's contact. */
    public String params;
    @Enumerated(EnumType.STRING)
    public NoticeState state;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "claimed_until")
    public Instant claimedUntil;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "address_masked")
    public String addressMasked;
    @Column(name = "user_subject")
    public String userSubject;
    public String title;
    public String body;
    @Column(name = "read_at")
    public Instant readAt;
    @Column(name = "created_at")
    public Instant createdAt;
    /** Issue 15: W3C traceparent of the planning consumer's span; the send joins that trace. */
    @Column(name = "trace_parent")
    public String traceParent;
    @Column(name = "sent_at")
    public Instant sentAt;
}
