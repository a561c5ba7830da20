package org.minqing.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.minqing.kit.export.XlsxReader;
import org.minqing.kit.export.XlsxWriter;

/** The streamed XLSX writer: what is written reads back, cell by cell, and rows leave as they come. */
class XlsxWriterTest {

    @Test
    void writesSheetsThatReadBack() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XlsxWriter x = XlsxWriter.open(bytes)) {
            x.sheet("案件列表", List.of("案件编号", "条线", "户数", "满意率"));
            x.row("a-1", "住房保障 & <物业>", 12, 0.8125);
            x.row("=HYPERLINK(\"x\")", null, new BigDecimal("3.50"), true);
            x.row("bad\u0001char", LocalDate.of(2026, 3, 2), Double.NaN, "𠀀 outside BMP");
            x.sheet("汇总/Summary?", List.of("项目", "数值"));
            x.row("接访件数", 40L);
        }
        Map<String, List<List<String>>> book = XlsxReader.read(bytes.toByteArray());
        assertThat(book.keySet()).containsExactly("案件列表", "汇总_Summary_");
        List<List<String>> rows = book.get("案件列表");
        assertThat(rows).containsExactly(
                List.of("案件编号", "条线", "户数", "满意率"),
                List.of("a-1", "住房保障 & <物业>", "12", "0.8125"),
                // formula-looking text stays text; null is an empty cell
                List.of("=HYPERLINK(\"x\")", "", "3.5", "是"),
                List.of("badchar", "2026-03-02", "NaN", "𠀀 outside BMP"));
        assertThat(book.get("汇总_Summary_")).containsExactly(List.of("项目", "数值"), List.of("接访件数", "40"));
    }

    @Test
    void columnsBeyondZ() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Object[] cells = new Object[30];
        Arrays.fill(cells, "x");
        cells[29] = "last";
        try (XlsxWriter x = XlsxWriter.open(bytes)) {
            x.sheet("s", List.of());
            x.row(cells);
        }
        List<String> row = XlsxReader.read(bytes.toByteArray()).get("s").get(1);
        assertThat(row).hasSize(30);
        assertThat(row.get(29)).isEqualTo("last");
    }

    /**
     * Streaming: with 50,000 rows written, most of the compressed bytes have already left for the
     * client before the workbook is closed (a writer that buffered the sheet would send nothing
     * until close). The memory property follows: what is held is one row and the zip's buffers.
     */
    @Test
    void rowsLeaveAsTheyAreWritten() {
        CountingStream sink = new CountingStream();
        long beforeClose;
        int rows = 50_000;
        try (XlsxWriter x = XlsxWriter.open(sink)) {
            x.sheet("队列", List.of("编号", "描述", "数"));
            for (int i = 0; i < rows; i++) {
                x.row("id-" + i, "第" + i + "件：楼道灯不亮，已多次反映 " + Integer.toHexString(i * 7919), i);
            }
            beforeClose = sink.count;
        }
        assertThat(sink.count).isGreaterThan(100_000);
        assertThat(beforeClose).as("bytes sent before close").isGreaterThan(sink.count * 9 / 10);
        assertThat(XlsxReader.read(sink.bytes.toByteArray()).get("队列")).hasSize(rows + 1);
    }

    private static final class CountingStream extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long count;

        @Override
        public void write(int b) {
            bytes.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            count += len;
        }
    }
}
