package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.minqing.kit.crypto.Masking;

/** H2: masked forms fit the columns they are stored in. */
class MaskingBoundsTest {

    @Test
    void aLongAddressMasksToAtMostTheBoundAndNeverLongerThanTheColumn() {
        String label = "l".repeat(63);
        String address = "a@" + label + "." + label + "." + label + ".xyzxyz";
        assertThat(address).hasSize(200);
        String masked = Masking.email(address);
        assertThat(masked).hasSizeLessThanOrEqualTo(Masking.MAX_LENGTH).startsWith("a***@").endsWith(".xyzxyz");
        assertThat(Masking.email("wang.li@example.cn")).isEqualTo("w***@example.cn");
        assertThat(Masking.phone("1".repeat(500))).hasSizeLessThanOrEqualTo(Masking.MAX_LENGTH);
        assertThat(Masking.idNumber("1".repeat(500))).hasSizeLessThanOrEqualTo(Masking.MAX_LENGTH);
        assertThat(Masking.email("x".repeat(500))).hasSizeLessThanOrEqualTo(Masking.MAX_LENGTH);
    }
}
