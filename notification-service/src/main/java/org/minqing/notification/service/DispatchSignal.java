package org.minqing.notification.service;

import org.minqing.kit.worker.PollingWorker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Wakes the dispatcher as soon as new notices are committed, instead of waiting for its next tick. */
@ApplicationScoped
public class DispatchSignal {

    /** The dispatcher's worker, once it runs; commits before that have nothing to wake. */
    private volatile PollingWorker worker;

    @Inject
    TransactionSynchronizationRegistry registry;

    void attach(PollingWorker worker) {
        this.worker = worker;
    }

    public void afterCommit() {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wakeNow();
                }
            }
        });
    }

    public void wakeNow() {
        PollingWorker w = worker;
        if (w != null) {
            w.wake();
        }
    }
}
