package org.minqing.events.notification;

/** A notice (通知) delivery failed; {@code dead} means retries are exhausted. */
public record NoticeFailed(
        String noticeId,
        String sourceEventId,
        String sourceEventType,
        NoticeChannel channel,
        String recipientKind,
        String recipientId,
        int attempts,
        String reason,
        boolean dead) {
}
