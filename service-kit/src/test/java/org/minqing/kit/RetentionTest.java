package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.kit.retention.RetentionJob;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** L4: the inbox (processed_event) and every table a service names are purged after their retention. */
@QuarkusTest
class RetentionTest {

    @Inject
    RetentionJob retention;

    @Inject
    EntityManager em;

    @Test
    void rowsOlderThanTheirRetentionGoAndNewerOnesStay() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("insert into processed_event (consumer, event_id, event_type, processed_at) "
                    + "values ('retention-test', :id, 't', now() - interval '61 days')").setParameter("id", old).executeUpdate();
            em.createNativeQuery("insert into processed_event (consumer, event_id, event_type, processed_at) "
                    + "values ('retention-test', :id, 't', now() - interval '59 days')").setParameter("id", recent).executeUpdate();
        });
        assertThat(retention.rules()).containsKey("processed-events").containsKey("widget-audit");

        assertThat(retention.purge().get("processed-events")).isGreaterThanOrEqualTo(1);

        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
    }

    @Test
    void rulesNameOnlyPlainTablesAndColumns() {
        assertThat(RetentionJob.Rule.parse("idempotency_key.created_at:P7D"))
                .isEqualTo(new RetentionJob.Rule("idempotency_key", "created_at", Duration.ofDays(7)));
        assertThatThrownBy(() -> RetentionJob.Rule.parse("t; drop table x.c:P1D")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionJob.Rule.parse("t.c:P0D")).isInstanceOf(IllegalArgumentException.class);
    }

    private boolean exists(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from processed_event where event_id = :id").setParameter("id", id).getSingleResult())
                .longValue() == 1);
    }
}
