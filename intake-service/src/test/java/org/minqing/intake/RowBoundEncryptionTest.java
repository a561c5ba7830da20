package org.minqing.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.minqing.intake.IntakeFixtures.*;
import static org.minqing.testing.DemoRealm.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.minqing.intake.service.EncryptedFields;
import org.minqing.kit.crypto.CryptoConfig;
import org.minqing.kit.crypto.FieldCipher;
import org.minqing.testing.LegacyCiphertext;
import org.minqing.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * L12: a resident's encrypted data is bound to its row. A database writer who copies case A's
 * ciphertexts into case B's row gets an error on reading B, never A's data; values written before
 * the fix are still read, and the re-encryption job rewrites them (and values under a retired key)
 * in the bound form, idempotently.
 */
@QuarkusTest
class RowBoundEncryptionTest {

    /** The %test key (application.properties); old values were written with it. */
    static final String LOCAL1 = "IZ2sVPCI7GyXHmb0kiO3h+AWlg+/T8JCr5qqvhbq5gY=";
    static final String RETIRED0 = "QF7qIpy4FD4KGqQF0fxDnLX5xtapdnrV4qdv6zhMSbY=";

    @Inject
    EntityManager em;

    @Inject
    FieldCipher cipher;

    static String ops() {
        return TestTokens.of("ops.admin", "ops-admin", DISTRICT);
    }

    static Map<String, Object> caseWith(String name, String phone, String idNumber) {
        Map<String, Object> b = caseBody(C11, "L12 " + unique("row"));
        b.put("visitors", List.of(Map.of("name", name, "phone", phone, "idNumber", idNumber)));
        return b;
    }

    @Test
    void aVisitorsCiphertextCopiedIntoAnotherCaseIsNotReadAsThatCase() {
        String a = recordOk(staff(C11), caseWith("甲秀兰", "13900000001", ID_NUMBER));
        String b = recordOk(staff(C11), caseWith("乙建国", "13900000002", "110105198001010016"));
        as(staff(C11)).get("/cases/" + b).then().statusCode(200).body("visitors[0].name", is("乙建国"));

        // Someone with write access to the database moves A's ciphertexts into B's visitor row.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                update case_visitor b set name_enc = a.name_enc, phone_enc = a.phone_enc, id_number_enc = a.id_number_enc
                  from case_visitor a where a.case_id = :a and b.case_id = :b""")
                .setParameter("a", UUID.fromString(a)).setParameter("b", UUID.fromString(b)).executeUpdate());

        for (Response r : List.of(as(staff(C11)).get("/cases/" + b), as(rep()).get("/cases/" + b),
                as(notificationService()).get("/internal/cases/" + b + "/contacts"))) {
            r.then().statusCode(500).body("type", endsWith("/stored-data-unreadable"));
            assertThat(r.asString()).doesNotContain("甲秀兰").doesNotContain("13900000001")
                    .doesNotContain(ID_NUMBER);
        }
        as(staff(C11)).get("/cases/" + a).then().statusCode(200).body("visitors[0].name", is("甲秀兰"));
    }

    @Test
    void aReceiptCodeCiphertextCopiedIntoAnotherCaseIsNotSentAsThatCasesCode() {
        Response ra = record(staff(C11), caseWith("丙", "13900000003", ID_NUMBER));
        String a = ra.path("id");
        String codeA = ra.path("receiptCode");
        String b = recordOk(staff(C11), caseWith("丁", "13900000004", ID_NUMBER));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                update intake_case b set receipt_code_enc = a.receipt_code_enc from intake_case a where a.id = :a and b.id = :b""")
                .setParameter("a", UUID.fromString(a)).setParameter("b", UUID.fromString(b)).executeUpdate());

        Response r = as(notificationService()).get("/internal/cases/" + b + "/contacts");
        r.then().statusCode(500).body("type", endsWith("/stored-data-unreadable"));
        assertThat(r.asString()).doesNotContain(codeA).doesNotContain(codeA.replace("-", ""));
    }

    @Test
    void oldRowsAreReadThenRewrittenBoundByTheJobAndASecondRunChangesNothing() {
        String id = recordOk(staff(C11), caseWith("戊桂芳", "13900000005", ID_NUMBER));
        UUID caseId = UUID.fromString(id);
        // As written before L12: unbound values; the e-mail under a key that has since been retired.
        FieldCipher retired = new FieldCipher(config("retired0"));
        UUID visitorId = (UUID) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select id from case_visitor where case_id = :c").setParameter("c", caseId).getSingleResult());
        String oldEmail = retired.encrypt(EncryptedFields.VISITOR_EMAIL.row(visitorId), "wu@example.cn");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                update case_visitor set name_enc = :name, phone_enc = :phone, id_number_enc = null, email_enc = :email,
                  key_id = 'local1' where id = :v""")
                .setParameter("name", LegacyCiphertext.encrypt("local1", LOCAL1, "戊桂芳"))
                .setParameter("phone", LegacyCiphertext.encrypt("local1", LOCAL1, "13900000005"))
                .setParameter("email", oldEmail).setParameter("v", visitorId).executeUpdate());
        String oldCode = QuarkusTransaction.requiringNew().call(() -> {
            String code = cipher.decrypt(EncryptedFields.RECEIPT_CODE.row(caseId), (String) em.createNativeQuery(
                    "select receipt_code_enc from intake_case where id = :c").setParameter("c", caseId).getSingleResult());
            em.createNativeQuery("update intake_case set receipt_code_enc = :enc where id = :c")
                    .setParameter("enc", LegacyCiphertext.encrypt("local1", LOCAL1, code)).setParameter("c", caseId).executeUpdate();
            return code;
        });

        // The read path still understands them.
        as(staff(C11)).get("/cases/" + id).then().statusCode(200).body("visitors[0].name", is("戊桂芳"))
                .body("visitors[0].phone", is("13900000005")).body("visitors[0].email", is("wu@example.cn"));
        as(ops()).get("/ops/reencryption").then().statusCode(200).body("activeKeyId", is("local1"));
        long before = pendingVisitors();
        assertThat(before).isPositive();

        // Only ops may start the job.
        as(staff(DISTRICT)).post("/ops/reencryption").then().statusCode(403);
        Response report = as(ops()).post("/ops/reencryption");
        report.then().statusCode(200).body("activeKeyId", is("local1")).body("pending.case_visitor", is(0))
                .body("pending.intake_case", is(0));
        assertThat(report.<Integer>path("valuesRewritten")).isGreaterThanOrEqualTo(4);

        Object[] row = visitorRow(visitorId);
        assertThat(row).extracting(r -> r == null ? null : r.toString().substring(0, Math.min(10, r.toString().length())))
                .containsExactly("v2:local1:", "v2:local1:", null, "v2:local1:", "local1");
        assertThat(cipher.decrypt(EncryptedFields.VISITOR_NAME.row(visitorId), (String) row[0])).isEqualTo("戊桂芳");
        assertThat(cipher.decrypt(EncryptedFields.VISITOR_EMAIL.row(visitorId), (String) row[3])).isEqualTo("wu@example.cn");
        String code = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "select receipt_code_enc from intake_case where id = :c").setParameter("c", caseId).getSingleResult());
        assertThat(code).startsWith("v2:local1:");
        as(notificationService()).get("/internal/cases/" + id + "/contacts").then().statusCode(200)
                .body("receiptCode", is(oldCode)).body("contacts[0].phone", is("13900000005"));

        // Safe to re-run: nothing left to do for this row, its values stay exactly as they are.
        as(ops()).post("/ops/reencryption").then().statusCode(200).body("pending.case_visitor", is(0));
        assertThat(visitorRow(visitorId)).containsExactly(row);
        as(staff(C11)).get("/cases/" + id).then().statusCode(200).body("visitors[0].name", is("戊桂芳"));
    }

    private long pendingVisitors() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from case_visitor where name_enc not like 'v2:local1:%' or email_enc not like 'v2:local1:%'")
                .getSingleResult()).longValue());
    }

    private Object[] visitorRow(UUID visitorId) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select name_enc, phone_enc, id_number_enc, email_enc, key_id from case_visitor where id = :v")
                .setParameter("v", visitorId).getSingleResult());
    }

    private static CryptoConfig config(String active) {
        return new CryptoConfig() {
            public Optional<String> activeKey() {
                return Optional.of(active);
            }

            public Map<String, String> keys() {
                return Map.of("local1", LOCAL1, "retired0", RETIRED0);
            }

            public Optional<String> indexKey() {
                return Optional.of("8bZ4TnOpIE+b/yVEeRoyhEbJ5C0POzxO5m9IXeqTMk0=");
            }

            public boolean acceptUnbound() {
                return true;
            }
        };
    }
}
