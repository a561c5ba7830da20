package org.minqing.representative.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.minqing.events.representative.RepresentativeLevel;
import org.minqing.representative.DutyType;
import org.minqing.representative.mapping.Views.ArchiveRow;

/**
 * The duty archive of every representative of a jurisdiction (代表履职情况) as one XLSX sheet with
 * Chinese headers, written row by row as the database cursor yields them: a large district's
 * export never holds its rows in memory.
 */
@ApplicationScoped
public class ArchiveExport {

    public static final String SHEET = "代表履职情况";

    /** Header row; the duty types' labels come from {@link DutyType} (the duty_type table's labels). */
    public static List<String> headers() {
        List<String> h = new ArrayList<>(List.of("姓名", "类别", "级别", "选区代码", "联络站", "任期开始", "任期结束", "在任"));
        for (DutyType t : DutyType.values()) {
            h.add(t.labelZh());
        }
        h.addAll(List.of("安排接访日", "参加接访日", "缺席接访日", "提出建议", "建议已答复", "建议按时答复"));
        return h;
    }

    @Inject
    ArchiveReport report;

    public void write(ArchiveReport.Filter filter, OutputStream out) {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
            Sheet sheet = wb.createSheet(SHEET);
            int[] r = { 0 };
            cells(sheet.createRow(r[0]++), new ArrayList<>(headers()));
            report.forEach(filter, row -> cells(sheet.createRow(r[0]++), values(row)));
            wb.write(out);
            wb.dispose();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Object> values(ArchiveRow a) {
        List<Object> v = new ArrayList<>();
        v.add(a.name());
        v.add(a.kindLabel());
        v.add(a.level() == RepresentativeLevel.CITY ? "市级" : a.level() == RepresentativeLevel.DISTRICT ? "区级" : "");
        v.add(a.constituencyCode());
        v.add(a.liaisonStation() == null ? "" : a.liaisonStation());
        v.add(a.termStart().toString());
        v.add(a.termEnd().toString());
        v.add(a.active() ? "是" : "否");
        for (DutyType t : DutyType.values()) {
            v.add(a.countsByType().getOrDefault(t, 0L));
        }
        v.add(a.receptionDaysAssigned());
        v.add(a.receptionDaysAttended());
        v.add(a.receptionDaysAbsent());
        v.add(a.suggestionsRaised());
        v.add(a.suggestionsAnswered());
        v.add(a.suggestionsAnsweredOnTime());
        return v;
    }

    private static void cells(Row row, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            Object o = values.get(i);
            if (o instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else {
                row.createCell(i).setCellValue(String.valueOf(o));
            }
        }
    }
}
