package org.minqing.kit.export;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A streaming XLSX writer (流式导出): each row is written to the zip as it comes, so an export of
 * any length holds one row in memory, never the sheet. Only what exports need: several sheets, a
 * bold frozen header row, text and numbers. Text cells are inline strings (no shared-string table,
 * which would have to be held until the end), so they are never read as formulas either: a cell
 * starting with "=" stays text (no CSV/formula injection).
 *
 * <pre>
 * try (XlsxWriter x = XlsxWriter.open(out)) {
 *     x.sheet("案件列表", List.of("案件编号", "条线"));
 *     x.row("…", "住房保障");
 * }
 * </pre>
 */
public final class XlsxWriter implements AutoCloseable {

    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Excel's limit of rows per sheet (header included). */
    public static final int MAX_ROWS = 1_048_576;
    /** Excel's limit of characters in a cell. */
    public static final int MAX_CELL_CHARS = 32_767;

    private final ZipOutputStream zip;
    private final Writer out;
    private final List<String> sheetNames = new ArrayList<>();
    private boolean inSheet;
    private int rowNumber;
    private boolean closed;

    private XlsxWriter(OutputStream target) {
        this.zip = new ZipOutputStream(new FilterOutputStream(target) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }
        });
        this.zip.setLevel(6);
        // one writer over the zip for every entry; flushed before each entry closes
        this.out = new BufferedWriter(new OutputStreamWriter(new FilterOutputStream(zip) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() {
                // the zip is closed by XlsxWriter.close, not by the writer
            }
        }, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Starts a workbook on {@code target}; {@link #close()} finishes it (and does not close {@code target}). */
    public static XlsxWriter open(OutputStream target) {
        return new XlsxWriter(target);
    }

    /** Starts the next sheet with its header row (shown bold and frozen). */
    public XlsxWriter sheet(String name, List<String> headers) {
        try {
            endSheet();
            String safe = sheetName(name);
            sheetNames.add(safe);
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + sheetNames.size() + ".xml"));
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<sheetViews><sheetView workbookViewId=\"0\">"
                    + "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                    + "</sheetView></sheetViews><sheetData>");
            inSheet = true;
            rowNumber = 0;
            writeRow(headers == null ? List.of() : headers, 1);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public XlsxWriter row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    /**
     * One row: {@code null} is an empty cell; a {@link Number} a number; {@link Boolean} 是/否; a
     * date ISO text; anything else its {@code toString()} as text.
     */
    public XlsxWriter row(List<?> cells) {
        if (!inSheet) {
            throw new IllegalStateException("sheet(...) first");
        }
        try {
            writeRow(cells, 0);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows written to the current sheet, header excluded. */
    public int rowsInSheet() {
        return Math.max(0, rowNumber - 1);
    }

    /** Pushes what is buffered to the client (e.g. every few thousand rows). */
    public void flush() {
        try {
            out.flush();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRow(List<?> cells, int style) throws IOException {
        if (rowNumber >= MAX_ROWS) {
            throw new IllegalStateException("more than " + MAX_ROWS + " rows in one sheet");
        }
        rowNumber++;
        out.write("<row r=\"");
        out.write(Integer.toString(rowNumber));
        out.write("\">");
        for (int c = 0; c < cells.size(); c++) {
            Object v = cells.get(c);
            if (v == null) {
                continue;
            }
            String ref = column(c) + rowNumber;
            String s = style == 0 ? "" : " s=\"" + style + "\"";
            if (v instanceof Number n && isFinite(n)) {
                out.write("<c r=\"" + ref + "\"" + s + "><v>");
                out.write(number(n));
                out.write("</v></c>");
            } else {
                String text = v instanceof Boolean b ? (b ? "是" : "否")
                        : v instanceof LocalDate d ? d.toString()
                        : v instanceof TemporalAccessor t ? t.toString() : String.valueOf(v);
                out.write("<c r=\"" + ref + "\"" + s + " t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                escape(text.length() > MAX_CELL_CHARS ? text.substring(0, MAX_CELL_CHARS) : text);
                out.write("</t></is></c>");
            }
        }
        out.write("</row>");
    }

    private void endSheet() throws IOException {
        if (inSheet) {
            out.write("</sheetData></worksheet>");
            out.flush();
            zip.closeEntry();
            inSheet = false;
        }
    }

    /** Writes the workbook parts that list the sheets and ends the zip; the target stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sheetNames.isEmpty()) {
                sheet("Sheet1", List.of());
            }
            endSheet();
            entry("[Content_Types].xml", contentTypes());
            entry("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            entry("xl/workbook.xml", workbook());
            entry("xl/_rels/workbook.xml.rels", workbookRels());
            entry("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"等线\"/></font>"
                    + "<font><b/><sz val=\"11\"/><name val=\"等线\"/></font></fonts>"
                    + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
                    + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                    + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                    + "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                    + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
                    + "</styleSheet>");
            out.flush();
            zip.finish();
            zip.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void entry(String name, String xml) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        out.write(xml);
        out.flush();
        zip.closeEntry();
    }

    private String contentTypes() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        for (int i = 1; i <= sheetNames.size(); i++) {
            b.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
                    .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        return b.append("</Types>").toString();
    }

    private String workbook() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
        for (int i = 1; i <= sheetNames.size(); i++) {
            b.append("<sheet name=\"").append(attr(sheetNames.get(i - 1))).append("\" sheetId=\"").append(i)
                    .append("\" r:id=\"rId").append(i).append("\"/>");
        }
        return b.append("</sheets></workbook>").toString();
    }

    private String workbookRels() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        int n = sheetNames.size();
        for (int i = 1; i <= n; i++) {
            b.append("<Relationship Id=\"rId").append(i)
                    .append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet")
                    .append(i).append(".xml\"/>");
        }
        b.append("<Relationship Id=\"rId").append(n + 1)
                .append("\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
        return b.append("</Relationships>").toString();
    }

    /** Sheet names: at most 31 characters, none of []:*?/\, unique. */
    private String sheetName(String name) {
        String s = name == null || name.isBlank() ? "Sheet" + (sheetNames.size() + 1)
                : name.replaceAll("[\\[\\]:*?/\\\\]", "_").strip();
        if (s.length() > 31) {
            s = s.substring(0, 31);
        }
        String base = s;
        for (int i = 2; sheetNames.contains(s); i++) {
            String suffix = "(" + i + ")";
            s = (base.length() + suffix.length() > 31 ? base.substring(0, 31 - suffix.length()) : base) + suffix;
        }
        return s;
    }

    static String column(int index) {
        StringBuilder b = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            b.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return b.toString();
    }

    private static boolean isFinite(Number n) {
        return !(n instanceof Double d && (d.isNaN() || d.isInfinite()))
                && !(n instanceof Float f && (f.isNaN() || f.isInfinite()));
    }

    private static String number(Number n) {
        if (n instanceof BigDecimal bd) {
            return bd.stripTrailingZeros().toPlainString();
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
        }
        return n.toString();
    }

    /** Escapes for XML text, dropping characters XML 1.0 cannot carry (control characters, lone surrogates). */
    private void escape(String s) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                default -> {
                    if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.write(ch);
                        out.write(s.charAt(++i));
                    } else if (ch == '\t' || ch == '\n' || ch == '\r'
                            || ch >= 0x20 && ch <= 0xD7FF || ch >= 0xE000 && ch <= 0xFFFD) {
                        out.write(ch);
                    }
                }
            }
        }
    }

    private static String attr(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
