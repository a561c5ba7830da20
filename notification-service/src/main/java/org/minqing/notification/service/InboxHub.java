package org.minqing.notification.service;

import java.time.Instant;
import java.util.UUID;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Fans in-app notices (站内通知) out to the live streams of signed-in users. */
@ApplicationScoped
public class InboxHub {

    /** One in-app notice as the inbox and its stream show it. */
    public record InboxItem(UUID id, String userSubject, String eventType, String title, String body,
            Instant createdAt, Instant sentAt, Instant readAt) {
    }

    private final BroadcastProcessor<InboxItem> processor = BroadcastProcessor.create();

    public synchronized void publish(InboxItem item) {
        processor.onNext(item);
    }

    /** Only the notices addressed to {@code userSubject}. */
    public Multi<InboxItem> streamFor(String userSubject) {
        return processor.filter(i -> userSubject.equals(i.userSubject()));
    }
}
