package org.minqing.notification.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Wakes the dispatcher as soon as new notices are committed, instead of waiting for its next tick. */
@ApplicationScoped
public class DispatchSignal {

    private final Semaphore wake = new Semaphore(0);

    @Inject
    TransactionSynchronizationRegistry registry;

    public void afterCommit() {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake.release();
                }
            }
        });
    }

    public void wakeNow() {
        wake.release();
    }

    /** Waits up to {@code millis} for a wake-up; drains extra permits. */
    public void await(long millis) throws InterruptedException {
        if (wake.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            wake.drainPermits();
        }
    }
}
