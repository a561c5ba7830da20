package org.minqing.events.notification;

/** How a notice (通知) was delivered. */
public enum NoticeChannel {
    EMAIL,
    SMS,
    IN_APP
}
