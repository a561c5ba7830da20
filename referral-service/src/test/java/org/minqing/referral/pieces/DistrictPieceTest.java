package org.minqing.referral.pieces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.minqing.referral.pieces.PieceCases.*;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.minqing.events.EventEnvelope;
import org.minqing.referral.Fixtures;
import org.minqing.testing.NativeKafka;

import org.minqing.testing.Pieces;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Issue 14: the district's piece (root of the ownership table) leaves the cases of the delegated
 * sub-district 310104001 to that sub-district's piece, handles its other communities' cases, keeps
 * its consumer group names, and dead-letters an event of a jurisdiction no piece owns.
 */
@QuarkusTest
@TestProfile(Pieces.DistrictPiece.class)
class DistrictPieceTest {

    @Test
    void aCaseOfTheDelegatedSubDistrictIsSkippedAndAnotherCommunitysIsHandled() {
        EventEnvelope delegated = caseRecorded(community("310104001"));
        EventEnvelope own = caseRecorded(community("310104002"));
        double skippedBefore = skipped();

        sendInOrder(delegated, own);
        // the second is handled, so the first (same partition, before it) has been seen
        String referral = Fixtures.referralIdForCase(own.aggregateId());
        assertThat(referral).isNotBlank();

        assertThat(referralsOfCase(delegated.aggregateId())).isZero();
        assertThat(rowsLeftBy(delegated)).as("referral, outbox and inbox rows of the skipped case").isZero();
        assertThat(rowsLeftBy(own)).as("the handled case's rows").isGreaterThanOrEqualTo(3);
        assertThat(skipped() - skippedBefore).isEqualTo(1.0);
    }

    @Test
    void theRootPieceKeepsTheDistrictsConsumerGroupNames() {
        assertThat(ConfigProvider.getConfig().getValue("mp.messaging.incoming.cases.group.id", String.class))
                .isEqualTo("referral-service");
        assertThat(ConfigProvider.getConfig().getValue("mp.messaging.incoming.representatives.group.id", String.class))
                .isEqualTo("referral-service");
    }

    @Test
    void anEventOfAJurisdictionNoPieceOwnsIsDeadLetteredWithItsReason() {
        EventEnvelope nobodys = caseRecorded("320102001001");
        EventEnvelope own = caseRecorded(community("310104002"));
        sendInOrder(nobodys, own);
        Fixtures.referralIdForCase(own.aggregateId());
        assertThat(rowsLeftBy(nobodys)).isZero();

        try (KafkaCompanion companion = new KafkaCompanion(NativeKafka.shared().bootstrapServers())) {
            var task = companion.consumeStrings().fromTopics("minqing.intake.case.dlt.referral");
            await().atMost(Duration.ofSeconds(30)).until(() -> task.getRecords().stream()
                    .anyMatch(r -> r.value().contains(nobodys.eventId().toString())));
            ConsumerRecord<String, String> dead = task.getRecords().stream()
                    .filter(r -> r.value().contains(nobodys.eventId().toString())).findFirst().orElseThrow();
            task.stop();
            String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
            assertThat(reason).contains("320102001001").contains("no piece owns it");
        }
    }
}
