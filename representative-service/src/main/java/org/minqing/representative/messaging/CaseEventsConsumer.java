package org.minqing.representative.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.minqing.events.EventType;
import org.minqing.events.intake.CaseRecorded;
import org.minqing.kit.inbox.InboxBatches;
import org.minqing.representative.service.ArchiveFiller;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** intake cases → reception records in the duty archive; each event applied once (Inbox), a poll at a time (ADR 0025). */
@ApplicationScoped
public class CaseEventsConsumer {

    public static final String CONSUMER = "representative-service";

    @Inject
    InboxBatches batches;

    @Inject
    ArchiveFiller archive;

    @Incoming("intake-cases")
    @Blocking
    public CompletionStage<Void> on(KafkaRecordBatch<String, String> batch) {
        return batches.take(CONSUMER, batch, InboxBatches.Retry.ONCE, d -> {
            if (d.type() == EventType.CASE_RECORDED) {
                archive.caseRecorded(d.envelope(), d.payload(CaseRecorded.class));
            }
        });
    }
}
