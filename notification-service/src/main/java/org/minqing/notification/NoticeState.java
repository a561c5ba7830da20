package org.minqing.notification;

/** Where a notice (通知) stands. SKIPPED: nothing to send (opted out, no address for the channel). */
public enum NoticeState {
    PENDING, SENDING, SENT, FAILED, DEAD, SKIPPED
}
