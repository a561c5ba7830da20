package org.minqing.kit.worker;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * One daemon thread that runs passes until stopped, as the outbox relay and the notice dispatcher
 * do: after a pass that found more work it runs again at once; after an idle pass it waits for
 * {@link #wake()} (e.g. a commit that wrote work) or the poll interval; after a failed pass, or one
 * that threw, it backs off, doubling from {@code minBackoff} up to {@code maxBackoff}.
 */
public final class PollingWorker {

    private static final Logger LOG = Logger.getLogger(PollingWorker.class);

    /** What a pass found. */
    public enum Next { MORE, IDLE, FAILED }

    /** One pass of the worker's job. */
    @FunctionalInterface
    public interface Pass {
        Next run() throws InterruptedException;
    }

    private final String name;
    private final Duration pollInterval;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private ExecutorService thread;

    public PollingWorker(String name, Duration pollInterval, Duration minBackoff, Duration maxBackoff) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    public synchronized void start(Pass pass) {
        running = true;
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        thread.submit(() -> loop(pass));
    }

    /** Ends the current wait at once; harmless when the worker is busy or stopped. */
    public void wake() {
        wake.release();
    }

    /** Stops after the pass in progress, waiting for it at most {@code grace}. */
    public synchronized void stop(Duration grace) {
        running = false;
        wake.release();
        if (thread != null) {
            thread.shutdown();
            try {
                thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop(Pass pass) {
        Duration backoff = minBackoff;
        while (running) {
            try {
                Next next;
                try {
                    next = pass.run();
                } catch (RuntimeException e) {
                    LOG.warnf("%s: pass failed, trying again in %s: %s", name, backoff, e.toString());
                    next = Next.FAILED;
                }
                switch (next) {
                    case MORE -> backoff = minBackoff;
                    case IDLE -> {
                        backoff = minBackoff;
                        if (wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                            wake.drainPermits();
                        }
                    }
                    case FAILED -> {
                        Thread.sleep(backoff.toMillis());
                        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
