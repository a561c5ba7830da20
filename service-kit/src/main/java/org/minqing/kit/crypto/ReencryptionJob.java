package org.minqing.kit.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Rewrites every encrypted value that is not in the current form: values from before L12 (not bound
 * to their row) and values under a key that is no longer the active one (key rotation). Table by
 * table in key order, {@value #BATCH} rows per transaction, rows locked by another transaction or
 * replica skipped ({@code for update skip locked}). Only values not yet current are touched, so a
 * second run does nothing and an interrupted run just continues; a value that does not decrypt is
 * left as it is and reported by field (never by content). Triggered by ops ({@code POST /ops/reencryption},
 * ADR 0011); at start-up each service only logs how many values are waiting.
 */
@ApplicationScoped
public class ReencryptionJob {

    private static final Logger LOG = Logger.getLogger(ReencryptionJob.class);
    static final int BATCH = 200;
    /** At most this many unreadable fields are listed in a report (all are counted). */
    static final int LISTED = 100;

    @Inject
    EntityManager em;

    @Inject
    FieldCipher cipher;

    @Inject
    Instance<EncryptedTables> services;

    /**
     * What a run did. {@code pending} counts, per table, the rows still holding a value not in the
     * current form after the run (unreadable ones, and rows changed by a stale write meanwhile): only
     * when it is all zero may a retired key be removed or {@code accept-unbound} be switched off.
     */
    public record Report(String activeKeyId, long rowsRewritten, long valuesRewritten, long unreadable,
            List<String> unreadableFields, Map<String, Long> pending) {
    }

    public String activeKeyIdForReport() {
        return cipher.activeKeyId();
    }

    public List<EncryptedTable> tables() {
        return services.stream().flatMap(s -> s.tables().stream()).toList();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            long waiting = pending().values().stream().mapToLong(Long::longValue).sum();
            if (waiting > 0) {
                LOG.warnf("%d rows hold personal data not bound to their row or not under the active key '%s'; "
                        + "run POST /ops/reencryption (ADR 0011)", waiting, cipher.activeKeyId());
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not count values awaiting re-encryption: %s", e.toString());
        }
    }

    /** Rows per table with at least one value not in the current form. */
    public Map<String, Long> pending() {
        Map<String, Long> pending = new LinkedHashMap<>();
        for (EncryptedTable t : tables()) {
            long n = QuarkusTransaction.requiringNew().call(() -> ((Number) bindCurrent(em.createNativeQuery(
                    "select count(*) from " + t.name() + " where " + notCurrent(t))).getSingleResult()).longValue());
            pending.put(t.name(), n);
        }
        return pending;
    }

    /** Runs over every table once; safe to run again (or on several replicas at once). */
    public Report run() {
        long[] counts = new long[3];
        List<String> unreadable = new ArrayList<>();
        for (EncryptedTable t : tables()) {
            Object[] after = null;
            while (true) {
                Object[] from = after;
                Batch b = QuarkusTransaction.requiringNew().call(() -> batch(t, from));
                counts[0] += b.rows;
                counts[1] += b.values;
                counts[2] += b.unreadable.size();
                b.unreadable.stream().limit(Math.max(0, LISTED - unreadable.size())).forEach(unreadable::add);
                if (b.last == null) {
                    break;
                }
                after = b.last;
            }
        }
        Map<String, Long> pending = pending();
        Report report = new Report(cipher.activeKeyId(), counts[0], counts[1], counts[2], List.copyOf(unreadable), pending);
        LOG.infof("re-encryption: %d rows (%d values) rewritten under key '%s', %d values unreadable, pending %s",
                report.rowsRewritten(), report.valuesRewritten(), report.activeKeyId(), report.unreadable(), pending);
        if (!unreadable.isEmpty()) {
            LOG.warnf("re-encryption: values that do not decrypt as their own field (left as they are): %s", unreadable);
        }
        return report;
    }

    private record Batch(long rows, long values, List<String> unreadable, Object[] last) {
    }

    /** One batch of rows after key {@code after} (null: from the start); {@code last} null when the table is done. */
    @SuppressWarnings("unchecked")
    Batch batch(EncryptedTable t, Object[] after) {
        int k = t.keyColumns().size();
        String keys = String.join(", ", t.keyColumns());
        String sql = "select " + keys + ", " + String.join(", ", t.columns()) + " from " + t.name()
                + " where (" + notCurrent(t) + ")"
                + (after == null ? "" : " and (" + keys + ") > (" + params("a", k) + ")")
                + " order by " + keys + " limit " + BATCH + " for update skip locked";
        Query q = bindCurrent(em.createNativeQuery(sql));
        for (int i = 0; after != null && i < k; i++) {
            q.setParameter("a" + i, after[i]);
        }
        List<Object[]> rows = q.getResultList();
        long rewrittenRows = 0;
        long values = 0;
        List<String> unreadable = new ArrayList<>();
        for (Object[] r : rows) {
            Object[] key = java.util.Arrays.copyOf(r, k);
            List<String> set = new ArrayList<>();
            Map<String, Object> bind = new LinkedHashMap<>();
            boolean allCurrent = true;
            for (int c = 0; c < t.columns().size(); c++) {
                String column = t.columns().get(c);
                String stored = (String) r[k + c];
                if (cipher.isCurrent(stored)) {
                    continue;
                }
                FieldRef ref = t.column(column).row(key);
                try {
                    bind.put("v" + c, cipher.reencrypt(ref, stored));
                    set.add(column + " = :v" + c);
                    values++;
                } catch (UnreadableValueException e) {
                    allCurrent = false;
                    unreadable.add(ref.toString());
                }
            }
            if (set.isEmpty()) {
                continue;
            }
            if (allCurrent && t.keyIdColumn() != null) {
                set.add(t.keyIdColumn() + " = :keyId");
                bind.put("keyId", cipher.activeKeyId());
            }
            Query u = em.createNativeQuery("update " + t.name() + " set " + String.join(", ", set)
                    + " where (" + keys + ") = (" + params("k", k) + ")");
            bind.forEach(u::setParameter);
            for (int i = 0; i < k; i++) {
                u.setParameter("k" + i, key[i]);
            }
            u.executeUpdate();
            rewrittenRows++;
        }
        Object[] last = rows.size() < BATCH ? null : java.util.Arrays.copyOf(rows.get(rows.size() - 1), k);
        return new Batch(rewrittenRows, values, unreadable, last);
    }

    /** Table and column names come from {@link EncryptedTable}, which admits plain identifiers only. */
    private static String notCurrent(EncryptedTable t) {
        return t.columns().stream().map(c -> "(" + c + " is not null and " + c + " not like :current)")
                .collect(Collectors.joining(" or "));
    }

    private Query bindCurrent(Query q) {
        String prefix = cipher.currentPrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return q.setParameter("current", prefix + "%");
    }

    private static String params(String prefix, int n) {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add(":" + prefix + i);
        }
        return String.join(", ", p);
    }
}
