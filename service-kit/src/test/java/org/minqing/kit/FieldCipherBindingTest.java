package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.minqing.kit.crypto.CryptoConfig;
import org.minqing.kit.crypto.EncryptedColumn;
import org.minqing.kit.crypto.EncryptedTable;
import org.minqing.kit.crypto.FieldCipher;
import org.minqing.kit.crypto.FieldRef;
import org.minqing.kit.crypto.UnreadableValueException;

/** L12: a ciphertext is bound to its table, column and row; one moved elsewhere never decrypts. */
class FieldCipherBindingTest {

    static final String K1 = FieldCipherAndMaskingTest.K1;
    static final String K2 = FieldCipherAndMaskingTest.K2;

    static final EncryptedTable VISITOR = EncryptedTable.of("case_visitor", "id", "name_enc", "phone_enc");
    static final EncryptedColumn NAME = VISITOR.column("name_enc");
    static final EncryptedColumn PHONE = VISITOR.column("phone_enc");
    static final EncryptedTable REPRESENTATIVE = EncryptedTable.of("representative", "id", "phone_enc");
    static final EncryptedTable RECIPIENT = new EncryptedTable("person_recipient", java.util.List.of("kind", "id"), null,
            java.util.List.of("email_enc"));

    static FieldCipher cipher(String active, Map<String, String> keys, boolean acceptUnbound) {
        return new FieldCipher(new CryptoConfig() {
            public Optional<String> activeKey() {
                return Optional.of(active);
            }

            public Map<String, String> keys() {
                return keys;
            }

            public Optional<String> indexKey() {
                return Optional.of(FieldCipherAndMaskingTest.INDEX);
            }

            public boolean acceptUnbound() {
                return acceptUnbound;
            }
        });
    }

    final FieldCipher cipher = cipher("k1", Map.of("k1", K1), true);
    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();

    @Test
    void aValueMovedToAnotherRowDoesNotDecryptAndNamesTheField() {
        String aPhone = cipher.encrypt(PHONE.row(a), "13812341234");
        assertThat(cipher.decrypt(PHONE.row(a), aPhone)).isEqualTo("13812341234");
        assertThatThrownBy(() -> cipher.decrypt(PHONE.row(b), aPhone))
                .isInstanceOf(UnreadableValueException.class)
                .hasMessageContaining("case_visitor.phone_enc[" + b + "]")
                .hasMessageNotContaining("13812341234");
    }

    @Test
    void aValueMovedToAnotherColumnOrTableDoesNotDecrypt() {
        String aPhone = cipher.encrypt(PHONE.row(a), "13812341234");
        assertThatThrownBy(() -> cipher.decrypt(NAME.row(a), aPhone)).isInstanceOf(UnreadableValueException.class)
                .hasMessageContaining("case_visitor.name_enc");
        FieldRef sameColumnAndIdOtherTable = REPRESENTATIVE.column("phone_enc").row(a);
        assertThatThrownBy(() -> cipher.decrypt(sameColumnAndIdOtherTable, aPhone)).isInstanceOf(UnreadableValueException.class)
                .hasMessageContaining("representative.phone_enc");
    }

    @Test
    void compositeRowIdsAreBoundPartByPart() {
        FieldRef rep = RECIPIENT.column("email_enc").row("REPRESENTATIVE", "x1");
        String v = cipher.encrypt(rep, "a@example.cn");
        assertThat(cipher.decrypt(RECIPIENT.column("email_enc").row("REPRESENTATIVE", "x1"), v)).isEqualTo("a@example.cn");
        assertThatThrownBy(() -> cipher.decrypt(RECIPIENT.column("email_enc").row("LIAISON_OFFICER", "x1"), v))
                .isInstanceOf(UnreadableValueException.class);
        assertThatThrownBy(() -> RECIPIENT.column("email_enc").row("x1")).as("a key part missing")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VISITOR.column("email_enc")).as("not a declared column")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void newValuesCarryTheVersionMarkerAndKeyId() {
        String v = cipher.encrypt(PHONE.row(a), "13812341234");
        assertThat(v).startsWith("v2:k1:").doesNotContain("13812341234");
        assertThat(cipher.isCurrent(v)).isTrue();
    }

    @Test
    void unboundValuesFromBeforeL12AreReadUntilSwitchedOffAndThenReencryptedBound() {
        String legacy = legacy("k1", K1, "张三");
        assertThat(cipher.decrypt(NAME.row(a), legacy)).isEqualTo("张三");
        assertThat(cipher.isCurrent(legacy)).isFalse();

        String bound = cipher.reencrypt(NAME.row(a), legacy);
        assertThat(bound).startsWith("v2:k1:");
        assertThat(cipher.decrypt(NAME.row(a), bound)).isEqualTo("张三");
        assertThat(cipher.reencrypt(NAME.row(a), bound)).as("idempotent").isSameAs(bound);
        assertThatThrownBy(() -> cipher.decrypt(NAME.row(b), bound)).isInstanceOf(UnreadableValueException.class);

        FieldCipher strict = cipher("k1", Map.of("k1", K1), false);
        assertThatThrownBy(() -> strict.decrypt(NAME.row(a), legacy)).isInstanceOf(UnreadableValueException.class)
                .hasMessageContaining("before L12");
    }

    @Test
    void reencryptionMovesValuesOffARetiredKey() {
        String underK1 = cipher.encrypt(PHONE.row(a), "13812341234");
        FieldCipher rotated = cipher("k2", Map.of("k1", K1, "k2", K2), true);
        assertThat(rotated.isCurrent(underK1)).isFalse();
        String underK2 = rotated.reencrypt(PHONE.row(a), underK1);
        assertThat(underK2).startsWith("v2:k2:");
        FieldCipher k2Only = cipher("k2", Map.of("k2", K2), true);
        assertThat(k2Only.decrypt(PHONE.row(a), underK2)).isEqualTo("13812341234");
        assertThatThrownBy(() -> k2Only.decrypt(PHONE.row(a), underK1)).isInstanceOf(UnreadableValueException.class)
                .hasMessageContaining("no key 'k1'");
    }

    @Test
    void malformedValuesAreRefusedNotMisread() {
        for (String bad : new String[] { "plain", ":abc", "v2:k1", "v2:k1:abc:def", "x:y:z", "v2:k1:!!!" }) {
            assertThatThrownBy(() -> cipher.decrypt(PHONE.row(a), bad)).as(bad).isInstanceOf(UnreadableValueException.class);
        }
    }

    static String legacy(String keyId, String key, String plaintext) {
        return org.minqing.testing.LegacyCiphertext.encrypt(keyId, key, plaintext);
    }
}
