package org.minqing.intake.service;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.minqing.kit.export.XlsxWriter;
import org.minqing.kit.problem.Bounds;
import org.minqing.kit.problem.Problem;
import org.minqing.kit.problem.ProblemException;

/**
 * A table the console shows (the work report, a chart's numbers) written as XLSX, so every
 * download the console offers is a real spreadsheet with the same writer. Bounded in every
 * dimension: this renders what a page holds, not a data dump.
 */
@ApplicationScoped
public class TableExport {

    public static final int MAX_SHEETS = 10;
    public static final int MAX_COLUMNS = 50;
    public static final int MAX_ROWS = 5000;
    public static final int MAX_CELL = 1000;

    public record Sheet(String name, List<String> headers, List<List<Object>> rows) {
    }

    public record Table(String fileName, List<Sheet> sheets) {
    }

    /** 400 (missing) or 422 (too long, too many, not a text or number) naming the field. */
    public void validate(Table t) {
        if (t == null) {
            throw ProblemException.validation("sheets", "必须提供表格", "a table is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (t.fileName() == null || t.fileName().isBlank() || t.fileName().length() > 60
                || t.fileName().matches(".*[\\\\/:*?\"<>|\\p{Cntrl}].*")) {
            errors.add(Problem.FieldError.of("fileName", "须为 1 到 60 个字符，不含 \\ / : * ? \" < > |",
                    "must have 1 to 60 characters, none of \\ / : * ? \" < > |"));
        }
        if (t.sheets() == null || t.sheets().isEmpty() || t.sheets().size() > MAX_SHEETS) {
            errors.add(Problem.FieldError.of("sheets", "须有 1 到 " + MAX_SHEETS + " 个工作表", "must have 1 to " + MAX_SHEETS + " sheets"));
        } else {
            for (int s = 0; s < t.sheets().size() && errors.size() < 20; s++) {
                Sheet sh = t.sheets().get(s);
                String f = "sheets[" + s + "]";
                if (sh == null) {
                    errors.add(Problem.FieldError.of(f, "不能为空", "must not be null"));
                    continue;
                }
                if (sh.name() == null || sh.name().isBlank() || sh.name().length() > 31) {
                    errors.add(Problem.FieldError.of(f + ".name", "须为 1 到 31 个字符", "must have 1 to 31 characters"));
                }
                if (sh.headers() == null || sh.headers().isEmpty() || sh.headers().size() > MAX_COLUMNS
                        || sh.headers().stream().anyMatch(h -> h == null || h.length() > MAX_CELL)) {
                    errors.add(Problem.FieldError.of(f + ".headers", "须有 1 到 " + MAX_COLUMNS + " 个表头，每个不超过 " + MAX_CELL + " 字",
                            "must have 1 to " + MAX_COLUMNS + " headers of at most " + MAX_CELL + " characters"));
                }
                List<List<Object>> rows = sh.rows() == null ? List.of() : sh.rows();
                if (rows.size() > MAX_ROWS) {
                    errors.add(Problem.FieldError.of(f + ".rows", "不能超过 " + MAX_ROWS + " 行", "must have at most " + MAX_ROWS + " rows"));
                    continue;
                }
                for (int r = 0; r < rows.size() && errors.size() < 20; r++) {
                    List<Object> row = rows.get(r);
                    if (row == null || row.size() > MAX_COLUMNS) {
                        errors.add(Problem.FieldError.of(f + ".rows[" + r + "]", "每行不超过 " + MAX_COLUMNS + " 格",
                                "a row has at most " + MAX_COLUMNS + " cells"));
                        continue;
                    }
                    for (int c = 0; c < row.size(); c++) {
                        Object v = row.get(c);
                        boolean ok = v == null || v instanceof Number || v instanceof Boolean
                                || v instanceof String str && str.length() <= MAX_CELL;
                        if (!ok) {
                            errors.add(Problem.FieldError.of(f + ".rows[" + r + "][" + c + "]",
                                    "须为文字（不超过 " + MAX_CELL + " 字）、数字或空", "must be a text of at most " + MAX_CELL
                                            + " characters, a number or null"));
                        }
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw Bounds.outOfRange(errors);
        }
    }

    public void write(Table t, OutputStream out) {
        try (XlsxWriter x = XlsxWriter.open(out)) {
            for (Sheet s : t.sheets()) {
                x.sheet(s.name(), s.headers());
                for (List<Object> row : s.rows() == null ? List.<List<Object>>of() : s.rows()) {
                    x.row(row);
                }
            }
        }
    }
}
