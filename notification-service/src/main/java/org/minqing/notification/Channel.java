package org.minqing.notification;

import org.minqing.events.notification.NoticeChannel;

/** A delivery channel (通知渠道). */
public enum Channel {
    EMAIL, SMS, IN_APP;

    public NoticeChannel toEvent() {
        return NoticeChannel.valueOf(name());
    }
}
