package org.minqing.representative.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.events.EventType;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.kit.inbox.Inbox;
import org.minqing.representative.service.ArchiveFiller;

import io.smallrye.reactive.messaging.annotations.Blocking;

/** intake cases → reception records in the duty archive; each event applied once (Inbox). */
@ApplicationScoped
public class CaseEventsConsumer {

    public static final String CONSUMER = "representative-service";

    @Inject
    Inbox inbox;

    @Inject
    ArchiveFiller archive;

    @Incoming("intake-cases")
    @Blocking
    @Transactional
    public void on(String value) {
        inbox.receive(CONSUMER, value).filter(d -> d.type() == EventType.CASE_RECORDED)
                .ifPresent(d -> archive.caseRecorded(d.envelope(), d.payload(CaseRecorded.class)));
    }
}
