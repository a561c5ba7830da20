package org.minqing.intake.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;
import org.minqing.kit.crypto.FieldCipher;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Cases recorded before migration V2_1 kept their receipt code (回执码) in plaintext. At start-up
 * each such code is encrypted into {@code receipt_code_enc} and the plaintext cleared, in small
 * batches; rows another replica is converting are skipped. The look-up hash is unchanged.
 */
@ApplicationScoped
public class ReceiptCodeBackfill {

    private static final Logger LOG = Logger.getLogger(ReceiptCodeBackfill.class);
    static final int BATCH = 200;

    @Inject
    EntityManager em;

    @Inject
    FieldCipher cipher;

    void onStart(@Observes StartupEvent event) {
        int total = run();
        if (total > 0) {
            LOG.infof("encrypted %d plaintext receipt codes left from before V2_1", total);
        }
    }

    /** Converts every remaining plaintext code; returns how many. */
    public int run() {
        int total = 0;
        while (true) {
            int n = QuarkusTransaction.requiringNew().call(this::batch);
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    @SuppressWarnings("unchecked")
    int batch() {
        List<Object[]> rows = em.createNativeQuery("""
                select id, receipt_code from intake_case where receipt_code is not null
                 limit :n for update skip locked""").setParameter("n", BATCH).getResultList();
        for (Object[] r : rows) {
            em.createNativeQuery("""
                    update intake_case set receipt_code_enc = coalesce(receipt_code_enc, :enc), receipt_code = null
                     where id = :id""")
                    .setParameter("enc", cipher.encrypt(EncryptedFields.RECEIPT_CODE.row(r[0]), ((String) r[1]).strip()))
                    .setParameter("id", (UUID) r[0])
                    .executeUpdate();
        }
        return rows.size();
    }
}
