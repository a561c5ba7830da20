package org.minqing.representative.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.minqing.representative.DutyType;
import org.minqing.representative.mapping.Views.AbsenceView;
import org.minqing.representative.mapping.Views.DutyRecordView;
import org.minqing.representative.mapping.Views.YearSummary;

/**
 * The yearly duty summary (代表年度履职情况) as staff print and file it: an XLSX workbook
 * (sheet 履职统计 with the numbers, sheet 履职明细 with every record) and a printable HTML page.
 */
@ApplicationScoped
public class SummaryExport {

    public static final String SHEET_SUMMARY = "履职统计";
    public static final String SHEET_DETAIL = "履职明细";
    public static final String SHEET_ABSENCES = "缺席记录";

    /** Label → value rows of the summary sheet, in print order; the HTML page shows the same. */
    public static List<Map.Entry<String, Long>> numbers(YearSummary s) {
        List<Map.Entry<String, Long>> rows = new java.util.ArrayList<>();
        for (DutyType t : DutyType.values()) {
            rows.add(Map.entry(t.labelZh(), s.countsByType().getOrDefault(t, 0L)));
        }
        rows.add(Map.entry("安排接访日", s.receptionDaysAssigned()));
        rows.add(Map.entry("参加接访日", s.receptionDaysAttended()));
        rows.add(Map.entry("缺席接访日", s.receptionDaysAbsent()));
        rows.add(Map.entry("提出建议", s.suggestionsRaised()));
        rows.add(Map.entry("建议已答复", s.suggestionsAnswered()));
        rows.add(Map.entry("建议按时答复", s.suggestionsAnsweredOnTime()));
        return rows;
    }

    public byte[] xlsx(YearSummary s) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle boxed = wb.createCellStyle();
            boxed.setBorderBottom(BorderStyle.THIN);
            boxed.setBorderTop(BorderStyle.THIN);
            boxed.setBorderLeft(BorderStyle.THIN);
            boxed.setBorderRight(BorderStyle.THIN);

            Sheet sheet = wb.createSheet(SHEET_SUMMARY);
            int r = 0;
            Row title = sheet.createRow(r++);
            title.createCell(0).setCellValue(s.name() + " " + s.year() + " 年度履职情况");
            title.getCell(0).setCellStyle(bold);
            label(sheet.createRow(r++), "姓名", s.name());
            label(sheet.createRow(r++), "类别", s.kindLabel());
            Row yr = sheet.createRow(r++);
            yr.createCell(0).setCellValue("年度");
            yr.createCell(1).setCellValue(s.year());
            r++;
            header(sheet.createRow(r++), bold, "项目", "数量");
            for (Map.Entry<String, Long> e : numbers(s)) {
                Row row = sheet.createRow(r++);
                row.createCell(0).setCellValue(e.getKey());
                row.createCell(1).setCellValue(e.getValue());
                row.getCell(0).setCellStyle(boxed);
                row.getCell(1).setCellStyle(boxed);
            }
            sheet.setColumnWidth(0, 20 * 256);
            sheet.setColumnWidth(1, 12 * 256);

            Sheet detail = wb.createSheet(SHEET_DETAIL);
            String[] cols = { "日期", "类型", "地点", "参加人员", "内容", "关联案件", "建议办理状态", "是否答复", "按时答复" };
            header(detail.createRow(0), bold, cols);
            int d = 1;
            for (DutyRecordView v : s.records()) {
                texts(detail.createRow(d++), v.date().toString(), v.typeLabel(), nz(v.place()), nz(v.participants()),
                        nz(v.notes()), String.join("、", v.caseIds()), statusLabel(v.suggestionStatus()),
                        v.type() == DutyType.SUGGESTION ? (v.answered() ? "是" : "否") : "",
                        v.answeredOnTime() == null ? "" : v.answeredOnTime() ? "是" : "否");
            }
            for (int i = 0; i < cols.length; i++) {
                detail.setColumnWidth(i, (i == 4 ? 40 : 14) * 256);
            }

            Sheet absent = wb.createSheet(SHEET_ABSENCES);
            String[] acols = { "日期", "社区代码", "接访地点" };
            header(absent.createRow(0), bold, acols);
            for (int i = 0; i < acols.length; i++) {
                absent.setColumnWidth(i, (i == 2 ? 30 : 14) * 256);
            }
            int a = 1;
            for (AbsenceView v : s.absences()) {
                texts(absent.createRow(a++), v.date().toString(), v.communityCode(), nz(v.place()));
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sheet's heading row: the column names in bold. */
    private static void header(Row row, CellStyle bold, String... names) {
        texts(row, names);
        for (int i = 0; i < names.length; i++) {
            row.getCell(i).setCellStyle(bold);
        }
    }

    /** One text cell per value, from the first column on. */
    private static void texts(Row row, String... values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    public String html(YearSummary s) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(esc(s.name())).append(" ").append(s.year()).append(" 年度履职情况</title>")
                .append("<style>body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #333;padding:4px 10px}")
                .append("th{background:#eee}@media print{.noprint{display:none}}</style></head><body>\n")
                .append("<h1>").append(esc(s.name())).append(" ").append(s.year()).append(" 年度履职情况</h1>\n")
                .append("<p>类别：").append(esc(s.kindLabel())).append("</p>\n")
                .append("<h2>履职统计</h2>\n<table><tr><th>项目</th><th>数量</th></tr>\n");
        for (Map.Entry<String, Long> e : numbers(s)) {
            b.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(e.getValue()).append("</td></tr>\n");
        }
        b.append("</table>\n<h2>履职明细</h2>\n<table><tr><th>日期</th><th>类型</th><th>地点</th><th>内容</th>")
                .append("<th>关联案件</th><th>建议办理状态</th></tr>\n");
        for (DutyRecordView v : s.records()) {
            b.append("<tr><td>").append(v.date()).append("</td><td>").append(esc(v.typeLabel())).append("</td><td>")
                    .append(esc(nz(v.place()))).append("</td><td>").append(esc(nz(v.notes()))).append("</td><td>")
                    .append(esc(String.join("、", v.caseIds()))).append("</td><td>")
                    .append(esc(statusLabel(v.suggestionStatus()))).append("</td></tr>\n");
        }
        if (s.records().isEmpty()) {
            b.append("<tr><td colspan=\"6\">本年度暂无履职记录</td></tr>\n");
        }
        b.append("</table>\n<p class=\"noprint\"><button onclick=\"window.print()\">打印</button></p>\n</body></html>\n");
        return b.toString();
    }

    static String statusLabel(String status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case "REFERRED" -> "已转办";
            case "ACCEPTED" -> "已受理";
            case "RETURNED" -> "已退回";
            case "EXTENDED" -> "已延期";
            case "OVERDUE" -> "已超期";
            case "ESCALATED" -> "已提级督办";
            case "ANSWERED" -> "已答复";
            case "CLOSED" -> "已办结";
            case "REOPENED" -> "重新办理";
            default -> status;
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void label(Row row, String k, String v) {
        row.createCell(0).setCellValue(k);
        row.createCell(1).setCellValue(nz(v));
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
