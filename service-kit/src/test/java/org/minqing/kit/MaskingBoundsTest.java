package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.minqing.kit.crypto.Masking;

/** H2 and M9: masked forms fit the columns they are stored in; free text carries addresses only masked. */
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

    @Test
    void addressesAndNumbersInErrorTextAreMasked() {
        String smtp = "550 5.1.1 <resident@x.cn>: Recipient address rejected; also wang.li@example.cn";
        assertThat(Masking.text(smtp, 1000))
                .isEqualTo("550 5.1.1 <r***@x.cn>: Recipient address rejected; also w***@example.cn");
        assertThat(Masking.text("gateway refused {\"to\":\"13812341234\"} and +8613912345678", 1000))
                .isEqualTo("gateway refused {\"to\":\"138****1234\"} and +86139****5678");
        // identifiers, SMTP codes and times are not phone numbers
        String ids = "no mailbox configured for UNIT 8d2e4f10-2b02-4d7a-8b02-000000000001 at 10:00, 5.1.1";
        assertThat(Masking.text(ids, 1000)).isEqualTo(ids);
        assertThat(Masking.text("x".repeat(5000), 1000)).hasSize(1000);
        assertThat(Masking.text(null, 10)).isNull();
        // never cut in the middle of a surrogate pair
        assertThat(Masking.text("a" + "😀".repeat(10), 4)).isEqualTo("a😀");
    }
}
