package org.minqing.notification.messaging;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The topics notices and their recipients come from, one channel each (ordered, idempotent, poison messages to
 * {@code <topic>.dlt.notification}).
 */
@ApplicationScoped
public class Consumers {

    @Inject
    EventHandler handler;

    @Incoming("reception-days")
    @Blocking
    @Transactional
    public void onReceptionDay(String value) {
        handler.handle(value);
    }

    @Incoming("representatives")
    @Blocking
    @Transactional
    public void onRepresentative(String value) {
        handler.handle(value);
    }

    @Incoming("cases")
    @Blocking
    @Transactional
    public void onCase(String value) {
        handler.handle(value);
    }

    @Incoming("referrals")
    @Blocking
    @Transactional
    public void onReferral(String value) {
        handler.handle(value);
    }

    /** Handling units from referral-service: the unit mailboxes (issue 14). */
    @Incoming("units")
    @Blocking
    @Transactional
    public void onUnit(String value) {
        handler.handle(value);
    }
}
