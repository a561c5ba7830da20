package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;
import org.minqing.kit.messaging.DeadLetterUnlessTransient;
import org.minqing.kit.messaging.PoisonMessageException;

/** Which consumer failures are dead-lettered and which only stop the channel for redelivery. */
class FailureClassificationTest {

    @Test
    void poisonAndBadDataGoToTheDeadLetterTopic() {
        assertThat(DeadLetterUnlessTransient.isTransient(new PoisonMessageException("unreadable"))).isFalse();
        assertThat(DeadLetterUnlessTransient.isTransient(new RuntimeException(new PoisonMessageException("x")))).isFalse();
        assertThat(DeadLetterUnlessTransient.isTransient(
                new PersistenceException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DeadLetterUnlessTransient.isTransient(
                new PersistenceException(new SQLException("value too long", "22001")))).isFalse();
        assertThat(DeadLetterUnlessTransient.isTransient(new IllegalArgumentException("bad field"))).isFalse();
    }

    @Test
    void anUnreachableDatabaseOrAClosedPersistenceLayerIsRetriedNotDeadLettered() {
        assertThat(DeadLetterUnlessTransient.isTransient(
                new PersistenceException(new SQLTransientConnectionException("connection refused", "08001")))).isTrue();
        assertThat(DeadLetterUnlessTransient.isTransient(new SQLException("Sorry, acquisition timeout!"))).isTrue();
        assertThat(DeadLetterUnlessTransient.isTransient(
                new RuntimeException(new IllegalStateException("EntityManagerFactory is closed")))).isTrue();
        assertThat(DeadLetterUnlessTransient.isTransient(
                new PersistenceException(new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void deadlocksAndSerializationFailuresAreRetriedNotDeadLettered() {
        // L3: the transaction lost a race; the same message succeeds when handled again.
        assertThat(DeadLetterUnlessTransient.isTransient(
                new PersistenceException(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(DeadLetterUnlessTransient.isTransient(new RuntimeException(new PersistenceException(
                new SQLException("could not serialize access due to concurrent update", "40001"))))).isTrue();
        // Other class-40 states (e.g. 40002 integrity constraint at commit) remain poison.
        assertThat(DeadLetterUnlessTransient.isTransient(
                new PersistenceException(new SQLException("integrity constraint violation", "40002")))).isFalse();
    }
}
