package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.intake.service.CaseSearch;
import org.minqing.intake.service.ScopeRange;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * L9: the scope filter is a range of codes, which the {@code intake_case_scope} btree index serves
 * as an index condition under any collation; {@code LIKE 'prefix%'} is only a filter under a
 * non-C collation (the test cluster runs C.UTF-8, as the local platform does).
 */
@QuarkusTest
class ScopeRangeTest {

    @Inject
    EntityManager em;

    @Test
    void aPrefixIsTheRangeOfItsCodes() {
        assertThat(ScopeRange.ofPrefix("310104001")).isEqualTo(new ScopeRange("310104001000", "310104001999"));
        assertThat(ScopeRange.within("310104000000")).isEqualTo(new ScopeRange("310104000000", "310104999999"));
        assertThat(ScopeRange.within("310104001001")).isEqualTo(new ScopeRange("310104001001", "310104001001"));
    }

    @Test
    void theSearchScopeIsAnIndexCondition() {
        String plan = plan("select id from intake_case where " + CaseSearch.SCOPE_PREDICATE
                + " order by recorded_at desc, id desc limit 21", "310104001000", "310104001999");
        assertThat(plan).contains("intake_case_scope").containsPattern("Index Cond: .*community_code");

        String collation = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select datcollate from pg_database where datname = current_database()").getSingleResult());
        if (!List.of("C", "POSIX").contains(collation)) {
            // What it replaced: under this collation LIKE could not bound the index scan.
            String like = plan("select id from intake_case where community_code like :scopeLow"
                    + " order by recorded_at desc, id desc limit 21", "310104001%", null);
            assertThat(like).doesNotContainPattern("Index Cond: .*community_code");
        }
    }

    @SuppressWarnings("unchecked")
    private String plan(String sql, String low, String high) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            // Constants inlined: the plan of exactly this predicate with these values.
            String explain = "explain " + sql.replace(":scopeLow", "'" + low + "'")
                    .replace(":scopeHigh", high == null ? "null" : "'" + high + "'");
            List<String> rows = em.createNativeQuery(explain).getResultList();
            return String.join("\n", rows);
        });
    }
}
