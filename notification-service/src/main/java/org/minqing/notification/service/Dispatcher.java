package org.minqing.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
 * Sends due notices (发送通知) on one worker thread, a batch at a time: the batch is claimed in one
 * transaction ({@link NoticeClaims}), prepared ({@link NoticePreparer}), each notice sent with no
 * transaction open ({@link NoticeSender}), and the batch's outcomes recorded together in one
 * transaction ({@link OutcomeRecorder}). A send cut off by a crash is retried after the claim lease with the same
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

    /**
     * One pass over the notices due now (issue 16: a batch per pass, not a notice): up to a batch
     * is claimed in one transaction, prepared in one read-only transaction, sent one by one with no
     * transaction open, and the outcomes recorded together in one transaction. Returns how many due
     * notices the pass settled (claimed, DEAD or deferred to the end of quiet hours); a full batch
     * means more may be due.
     */
    public int dispatchDue() {
        recorder.recordUnrecorded();
        Instant now = clock.instant();
        NoticeClaims.Batch claimed = QuarkusTransaction.requiringNew()
                .call(() -> claims.claimDue(now, config.batchSize(), recorder::pending));
        List<Claimed> batch = claimed.claimed();
        if (batch.isEmpty()) {
            return claimed.settled();
        }
        // The sends of a batch stop at half the lease: a notice is never still being sent by us when
        // another dispatcher may take it again; the untried rest is handed back.
        Instant sendUntil = now.plus(config.claimLease().dividedBy(2));
        List<Prepared> prepared = prepareAll(batch);
        NoticeSender.Prefetched contacts = sender.prefetch(batch, prepared);
        List<OutcomeRecorder.Done> done = new ArrayList<>(batch.size());
        List<io.opentelemetry.api.trace.Span> spans = new ArrayList<>(batch.size());
        try {
            for (int i = 0; i < batch.size(); i++) {
                Claimed c = batch.get(i);
                if (i > 0 && clock.instant().isAfter(sendUntil)) {
                    List<Claimed> untried = batch.subList(i, batch.size());
                    try {
                        QuarkusTransaction.requiringNew().run(() -> claims.release(untried));
                    } catch (RuntimeException e) {
                        LOG.warnf("%d untried notices could not be handed back; their lease will (%s)", untried.size(),
                                e.getClass().getSimpleName());
                    }
                    break;
                }
                Prepared ready = prepared.get(i);
                io.opentelemetry.api.trace.Span span = span(c);
                spans.add(span);
                Outcome outcome;
                try (io.opentelemetry.context.Scope scope = span.makeCurrent()) {
                    outcome = ready.outcome() != null ? ready.outcome() : sender.send(c, ready, contacts);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "notice %s could not be sent", c.id());
                    outcome = Outcome.retry("发送失败 / send failed: " + e.getMessage());
                }
                span.setAttribute("minqing.notice.outcome", outcome.kind().name());
                done.add(new OutcomeRecorder.Done(c, ready, outcome));
            }
            // Issue 15: each NoticeSent/NoticeFailed event joins the trace of the event its notice came from.
            List<Notice> recorded = recorder.recordAll(done, (i, record) -> {
                try (io.opentelemetry.context.Scope scope = spans.get(i).makeCurrent()) {
                    return record.get();
                }
            });
            for (Notice n : recorded) {
                if (n != null && n.state == NoticeState.SENT && n.channel == Channel.IN_APP) {
                    hub.publish(new InboxHub.InboxItem(n.id, n.userSubject, n.sourceEventType, n.title, n.body,
                            n.createdAt, n.sentAt, null));
                }
            }
        } finally {
            spans.forEach(io.opentelemetry.api.trace.Span::end);
        }
        return claimed.settled();
    }

    /**
     * Prepares a batch in one read-only transaction; from a notice whose preparation throws, the rest
     * are prepared each in its own transaction as before, and the one that threw is retried later.
     */
    List<Prepared> prepareAll(List<Claimed> batch) {
        List<Prepared> out = new ArrayList<>(batch.size());
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                for (Claimed c : batch) {
                    out.add(preparer.prepare(c));
                }
            });
        } catch (RuntimeException e) {
            // out holds the notices prepared before the one that threw; they read, never wrote.
        }
        for (int i = out.size(); i < batch.size(); i++) {
            Claimed c = batch.get(i);
            Prepared p;
            try {
                p = QuarkusTransaction.requiringNew().call(() -> preparer.prepare(c));
            } catch (RuntimeException e) {
                LOG.warnf(e, "notice %s could not be prepared", c.id());
                p = Prepared.not(Outcome.retry("准备失败 / preparation failed: " + e.getMessage()));
            }
            out.add(p);
        }
        return out;
    }

    private io.opentelemetry.api.trace.Span span(Claimed c) {
        return c.traceParent() == null ? io.opentelemetry.api.trace.Span.getInvalid()
                : tracer.spanBuilder("notice " + c.channel().name())
                        .setParent(org.minqing.kit.tracing.TraceContext.parent(c.traceParent()))
                        .setSpanKind(io.opentelemetry.api.trace.SpanKind.CLIENT)
                        .setAttribute("minqing.notice.id", c.id().toString())
                        .setAttribute("minqing.notice.channel", c.channel().name())
                        .setAttribute("minqing.notice.attempt", (long) c.attempt())
                        .startSpan();
    }
}
