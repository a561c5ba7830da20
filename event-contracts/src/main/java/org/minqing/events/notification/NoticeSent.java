package org.minqing.events.notification;

import java.time.Instant;

/**
 * A notice (通知) was delivered for a source event. {@code recipientKind} names the kind of
 * recipient (e.g. REPRESENTATIVE, LIAISON_OFFICER, VISITOR, UNIT, STAFF); the id is never a
 * phone number or address.
 */
public record NoticeSent(
        String noticeId,
        String sourceEventId,
        String sourceEventType,
        NoticeChannel channel,
        String recipientKind,
        String recipientId,
        Instant sentAt) {
}
