package org.minqing.representative.service;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.minqing.events.representative.RepresentativeLevel;
import org.minqing.kit.export.XlsxWriter;
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

    /** Rows between flushes, so the client receives the workbook while the cursor still reads. */
    static final int FLUSH_EVERY = 1_000;

    public void write(ArchiveReport.Filter filter, OutputStream out) {
        try (XlsxWriter x = XlsxWriter.open(out)) {
            x.sheet(SHEET, headers());
            report.forEach(filter, row -> {
                x.row(values(row));
                if (x.rowsInSheet() % FLUSH_EVERY == 0) {
                    x.flush();
                }
            });
        }
    }

    static List<Object> values(ArchiveRow a) {
        List<Object> v = new ArrayList<>();
        v.add(a.name());
        v.add(a.kindLabel());
        v.add(a.level() == RepresentativeLevel.CITY ? "市级" : a.level() == RepresentativeLevel.DISTRICT ? "区级" : null);
        v.add(a.constituencyCode());
        v.add(a.liaisonStation());
        v.add(a.termStart());
        v.add(a.termEnd());
        v.add(a.active()); // 是 / 否
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
}
