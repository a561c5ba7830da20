package org.minqing.intake.service;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

import org.minqing.events.intake.IntakeChannel;
import org.minqing.intake.CaseStatus;
import org.minqing.kit.export.XlsxWriter;
import org.minqing.kit.time.AppClock;

/**
 * 案件列表导出: the cases the staff search shows, with the same filters, as XLSX with Chinese
 * headers. Read through a server-side cursor ({@value #FETCH_SIZE} rows a fetch) in a
 * transaction of its own, each row written as it arrives: the export's memory does not grow with
 * its length. No visitor's name, phone, ID number or receipt code is exported.
 */
@ApplicationScoped
public class CaseExport {

    static final int FETCH_SIZE = 500;
    static final int TIMEOUT_SECONDS = 600;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final Pattern NAMED = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");

    public static final List<String> HEADERS = List.of("案件编号", "登记时间", "接待日期", "渠道", "社区代码", "社区", "条线", "状态",
            "紧急程度", "集体访", "重复信访", "重复次数", "户数", "人数", "预计答复日期", "诉求摘要");

    static final Map<String, String> CHANNEL = Map.of(IntakeChannel.RECEPTION_DAY.name(), "接访日",
            IntakeChannel.LIAISON_OFFICER.name(), "联络员", IntakeChannel.HOTLINE.name(), "热线",
            IntakeChannel.ONLINE.name(), "网上", IntakeChannel.REPRESENTATIVE_VISIT.name(), "代表走访",
            IntakeChannel.OPEN311.name(), "Open311");
    static final Map<String, String> URGENCY = Map.of("NORMAL", "一般", "URGENT", "紧急");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Catalogue catalogue;

    /** A query ready to run without the request: SQL with positional parameters. */
    public record Prepared(String sql, List<Object> params) {
    }

    public Prepared prepare(CaseSearch.Built b) {
        List<Object> params = new ArrayList<>();
        Matcher m = NAMED.matcher(b.where());
        StringBuilder where = new StringBuilder();
        while (m.find()) {
            params.add(b.params().get(m.group(1)));
            m.appendReplacement(where, "?");
        }
        m.appendTail(where);
        return new Prepared("""
                select id, recorded_at, received_on, channel, community_code, line_code, status, urgency, group_petition,
                       repeat_of, repeat_count, households, persons, expected_date, left(description, 500)
                  from intake_case where\s""" + where + " order by recorded_at desc, id desc", List.copyOf(params));
    }

    public void write(Prepared q, OutputStream out) {
        QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(q.sql());
                    XlsxWriter x = XlsxWriter.open(out)) {
                if (c.getAutoCommit()) {
                    c.setAutoCommit(false); // PostgreSQL uses a cursor (fetch size) only outside autocommit
                }
                ps.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < q.params().size(); i++) {
                    ps.setObject(i + 1, q.params().get(i));
                }
                x.sheet("案件列表", HEADERS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String community = rs.getString(5);
                        String line = rs.getString(6);
                        String status = rs.getString(7);
                        x.row(rs.getString(1), minute(rs.getObject(2, OffsetDateTime.class)),
                                rs.getObject(3, LocalDate.class), CHANNEL.getOrDefault(rs.getString(4), rs.getString(4)),
                                community, catalogue.community(community).map(Catalogue.Community::nameZh).orElse(null),
                                catalogue.line(line).map(Catalogue.Line::nameZh).orElse(line), statusLabel(status),
                                URGENCY.getOrDefault(rs.getString(8), rs.getString(8)), rs.getBoolean(9),
                                rs.getObject(10) != null || rs.getInt(11) > 0, rs.getInt(11), rs.getInt(12), rs.getInt(13),
                                rs.getObject(14, LocalDate.class), rs.getString(15));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("case export failed", e);
            }
        });
    }

    private static String statusLabel(String status) {
        try {
            return CaseStatus.valueOf(status).zh;
        } catch (IllegalArgumentException e) {
            return status;
        }
    }

    private static String minute(OffsetDateTime t) {
        return t == null ? null : MINUTE.format(t.atZoneSameInstant(AppClock.ZONE));
    }
}
