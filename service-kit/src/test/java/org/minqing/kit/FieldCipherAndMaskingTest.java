package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.minqing.kit.crypto.CryptoConfig;
import org.minqing.kit.crypto.EncryptedTable;
import org.minqing.kit.crypto.FieldRef;
import org.minqing.kit.crypto.FieldCipher;
import org.minqing.kit.crypto.Masking;

class FieldCipherAndMaskingTest {

    static final FieldRef PHONE = EncryptedTable.of("person", "id", "phone_enc").column("phone_enc").row("p1");

    static final String K1 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String K2 = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";
    static final String INDEX = "aW5kZXgta2V5LWZvci10ZXN0cy1vbmx5LTAxMjM0NTY=";

    static FieldCipher cipher(String active, Map<String, String> keys) {
        return new FieldCipher(new CryptoConfig() {
            public Optional<String> activeKey() {
                return Optional.ofNullable(active);
            }

            public Map<String, String> keys() {
                return keys;
            }

            public Optional<String> indexKey() {
                return Optional.of(INDEX);
            }

            public boolean acceptUnbound() {
                return true;
            }
        });
    }

    @Test
    void encryptsWithTheActiveKeyAndDecryptsValuesWrittenWithARetiredOne() {
        FieldCipher old = cipher("k1", Map.of("k1", K1));
        String before = old.encrypt(PHONE, "13812341234");
        assertThat(before).startsWith("v2:k1:").doesNotContain("13812341234");

        FieldCipher rotated = cipher("k2", Map.of("k1", K1, "k2", K2));
        String after = rotated.encrypt(PHONE, "13812341234");
        assertThat(after).startsWith("v2:k2:");
        assertThat(rotated.decrypt(PHONE, before)).isEqualTo("13812341234");
        assertThat(rotated.decrypt(PHONE, after)).isEqualTo("13812341234");
        assertThat(rotated.encrypt(PHONE, "13812341234")).as("random IV").isNotEqualTo(after);
        assertThat(rotated.isCurrent(before)).as("under a retired key: for the re-encryption job").isFalse();
        assertThat(rotated.isCurrent(after)).isTrue();
    }

    @Test
    void tamperedValuesAndUnknownKeysAreRefused() {
        FieldCipher c = cipher("k1", Map.of("k1", K1));
        String v = c.encrypt(PHONE, "110101199003071234");
        String tampered = v.substring(0, v.length() - 4) + (v.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> c.decrypt(PHONE, tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> c.decrypt(PHONE, "v2:k9:" + v.substring(6))).hasMessageContaining("k9");
    }

    @Test
    void blindIndexIsStableAndKeyed() {
        FieldCipher c = cipher("k1", Map.of("k1", K1));
        assertThat(c.blindIndex("13812341234")).isEqualTo(c.blindIndex(" 13812341234 ")).hasSize(64)
                .isNotEqualTo(c.blindIndex("13812341235"));
    }

    @Test
    void masksKeepOnlyWhatStaffNeedToRecogniseAValue() {
        assertThat(Masking.phone("13812341234")).isEqualTo("138****1234");
        assertThat(Masking.idNumber("11010119900307123X")).isEqualTo("110***********123X");
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
        assertThat(Masking.name("王")).isEqualTo("王*");
        assertThat(Masking.email("wang.li@example.cn")).isEqualTo("w***@example.cn");
    }
}
