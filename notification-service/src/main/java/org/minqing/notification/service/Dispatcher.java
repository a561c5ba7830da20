package org.minqing.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.minqing.kit.time.AppClock;
import org.minqing.kit.worker.PollingWorker;
import org.minqing.notification.Channel;
import org.minqing.notification.Notice;
import org.minqing.notification.NoticeState;
import org.minqing.notification.config.NotificationConfig;
import org.minqing.notification.service.Delivery.Claimed;
import org.minqing.notification.service.Delivery.Outcome;
import org.minqing.notification.service.Delivery.Prepared;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Sends due notices (发送通知) on one worker thread: each due notice is claimed in its own
 * transaction ({@link NoticeClaims}), prepared ({@link NoticePreparer}), sent with no transaction
 * open ({@link NoticeSender}), and its outcome recorded in a second transaction
 * ({@link OutcomeRecorder}). A send cut off by a crash is retried after the claim lease with the same
 * notice id as the provider's idempotency key. A sent in-app notice is pushed to open inbox streams.
 */
@ApplicationScoped
public class Dispatcher {

    /** Issue 15: a no-op tracer when tracing is off. */
    @Inject
    io.opentelemetry.api.trace.Tracer tracer;

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    /** See {@link NoticePreparer#RECEIPT_CODE_SLOT}. */
    public static final String RECEIPT_CODE_SLOT = NoticePreparer.RECEIPT_CODE_SLOT;

    @Inject
    AppClock clock;
    @Inject
    NotificationConfig config;
    @Inject
    NoticeClaims claims;
    @Inject
    NoticePreparer preparer;
    @Inject
    NoticeSender sender;
    @Inject
    OutcomeRecorder recorder;
    @Inject
    InboxHub hub;
    @Inject
    DispatchSignal signal;

    private PollingWorker worker;

    void start(@Observes StartupEvent event) {
        if (!config.dispatcherEnabled()) {
            return;
        }
        Duration poll = config.pollInterval();
        worker = new PollingWorker("notice-dispatcher", poll, poll, poll);
        signal.attach(worker);
        // A full batch sent means more may be due: go on at once instead of sleeping a poll interval
        // (issue 16's bench found a backlog drained at one batch per 2 s, ~25 notices/s). A pass that
        // could not send a whole batch waits, so notices that keep failing never spin the thread.
        int batch = config.batchSize();
        worker.start(() -> dispatchDue() >= batch ? PollingWorker.Next.MORE : PollingWorker.Next.IDLE);
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.stop(Duration.ofSeconds(10));
        }
    }

    /** One pass over the notices due now; returns how many were processed (claimed and sent or settled). */
    public int dispatchDue() {
        recorder.recordUnrecorded();
        Instant now = clock.instant();
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> claims.due(now, config.batchSize()));
        int processed = 0;
        for (UUID id : due) {
            if (recorder.pending(id)) {
                continue; // sent (or tried) already; only its outcome is missing
            }
            try {
                process(id);
                processed++;
            } catch (RuntimeException e) {
                LOG.warnf(e, "notice %s could not be processed", id);
            }
        }
        return processed;
    }

    void process(UUID id) {
        Claimed c = QuarkusTransaction.requiringNew().call(() -> claims.claim(id, clock.instant()));
        if (c == null) {
            return;
        }
        Prepared p;
        try {
            p = QuarkusTransaction.requiringNew().call(() -> preparer.prepare(c));
        } catch (RuntimeException e) {
            LOG.warnf(e, "notice %s could not be prepared", id);
            p = Prepared.not(Outcome.retry("准备失败 / preparation failed: " + e.getMessage()));
        }
        Prepared ready = p;
        // Issue 15: the send (the SMTP or SMS hand-off) and the NoticeSent/NoticeFailed event it
        // records join the trace of the event the notice came from.
        io.opentelemetry.api.trace.Span span = c.traceParent() == null ? io.opentelemetry.api.trace.Span.getInvalid()
                : tracer.spanBuilder("notice " + c.channel().name())
                        .setParent(org.minqing.kit.tracing.TraceContext.parent(c.traceParent()))
                        .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
                        .setAttribute("minqing.notice.id", c.id().toString())
                        .setAttribute("minqing.notice.channel", c.channel().name())
                        .setAttribute("minqing.notice.attempt", (long) c.attempt())
                        .startSpan();
        Outcome outcome;
        Notice recorded;
        try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
            outcome = ready.outcome() != null ? ready.outcome() : sender.send(c, ready);
            span.setAttribute("minqing.notice.outcome", outcome.kind().name());
            recorded = recorder.recordOutcome(c, ready, outcome);
        } finally {
            span.end();
        }
        if (recorded != null && recorded.state == NoticeState.SENT && recorded.channel == Channel.IN_APP) {
            hub.publish(new InboxHub.InboxItem(recorded.id, recorded.userSubject, recorded.sourceEventType,
                    recorded.title, recorded.body, recorded.createdAt, recorded.sentAt, null));
        }
    }
}
