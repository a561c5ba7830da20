package org.minqing.notification;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A recipient's own notice preferences (通知偏好), for notices the law does not require. */
@Entity
@Table(name = "preference")
public class Preference extends PanacheEntityBase {
    @Id
    public String userSubject;
    /** Enabled channels, comma list. */
    public String channels;
    public boolean optedOut;
    public String language;
    public Instant updatedAt;

    public boolean allows(Channel channel) {
        return !optedOut && java.util.Arrays.asList(channels.split(",")).contains(channel.name());
    }
}
