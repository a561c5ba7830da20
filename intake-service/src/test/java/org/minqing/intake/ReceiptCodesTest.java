package org.minqing.intake.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Receipt codes: valid ones parse, every single wrong symbol and every neighbour swap is caught. */
class ReceiptCodesTest {

    private final ReceiptCodes codes = new ReceiptCodes();

    @Test
    void generatedCodesParseAndAreDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = codes.generate();
            assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
            assertThat(ReceiptCodes.parse(code).verdict()).isEqualTo(ReceiptCodes.Verdict.VALID);
            assertThat(ReceiptCodes.parse(code.toLowerCase().replace("-", " ")).canonical()).isEqualTo(code);
            assertThat(seen.add(code)).isTrue();
        }
    }

    @Test
    void everySingleSubstitutionAndAdjacentSwapIsCaught() {
        for (int n = 0; n < 200; n++) {
            String d = codes.generate().replace("-", "");
            for (int i = 0; i < ReceiptCodes.DATA_LENGTH; i++) {
                for (char c : ReceiptCodes.ALPHABET.toCharArray()) {
                    if (c != d.charAt(i)) {
                        String typo = d.substring(0, i) + c + d.substring(i + 1);
                        assertThat(ReceiptCodes.parse(typo).verdict()).as(typo).isEqualTo(ReceiptCodes.Verdict.CHECKSUM);
                    }
                }
                if (i + 1 < ReceiptCodes.DATA_LENGTH && d.charAt(i) != d.charAt(i + 1)) {
                    String swap = d.substring(0, i) + d.charAt(i + 1) + d.charAt(i) + d.substring(i + 2);
                    assertThat(ReceiptCodes.parse(swap).verdict()).as(swap).isEqualTo(ReceiptCodes.Verdict.CHECKSUM);
                }
            }
        }
    }

    @Test
    void confusableLettersReadAsDigitsAndJunkIsMalformed() {
        String d = codes.generate();
        assertThat(ReceiptCodes.parse(d.replace('1', 'I').replace('0', 'O')).verdict()).isEqualTo(ReceiptCodes.Verdict.VALID);
        assertThat(ReceiptCodes.parse("ABC").verdict()).isEqualTo(ReceiptCodes.Verdict.MALFORMED);
        assertThat(ReceiptCodes.parse("ABCD-EFGH-JKM!").verdict()).isEqualTo(ReceiptCodes.Verdict.MALFORMED);
        assertThat(ReceiptCodes.parse(null).verdict()).isEqualTo(ReceiptCodes.Verdict.MALFORMED);
    }
}
