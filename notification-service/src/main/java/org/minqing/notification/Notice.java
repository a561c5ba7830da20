package org.minqing.notification;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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
    public UUID sourceEventId;
    public String sourceEventType;
    public String correlationId;
    public String jurisdiction;
    public String recipientKind;
    public String recipientId;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    public boolean legallyRequired;
    public boolean urgent;
    /** Template data as JSON; never a resident's contact. */
    public String params;
    @Enumerated(EnumType.STRING)
    public NoticeState state;
    public int attempts;
    public Instant nextAttemptAt;
    public Instant claimedUntil;
    public String lastError;
    public String addressMasked;
    public String userSubject;
    public String title;
    public String body;
    public Instant readAt;
    public Instant createdAt;
    /** Issue 15: W3C traceparent of the planning consumer's span; the send joins that trace. */
    public String traceParent;
    public Instant sentAt;
}
