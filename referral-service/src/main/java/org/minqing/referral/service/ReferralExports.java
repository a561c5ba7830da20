package org.minqing.referral.service;

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
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;

import org.minqing.kit.export.XlsxWriter;
import org.minqing.kit.scope.CallerScope;
import org.minqing.kit.scope.Jurisdiction;
import org.minqing.kit.time.AppClock;
import org.minqing.referral.ReferralStatus;
import org.minqing.referral.rest.ReferralAccess;

/**
 * XLSX exports of the referral queue (转办队列) and the unit scoreboard (承办单位记分牌), with
 * Chinese headers. The queue is read with a server-side cursor (fetch size) in a transaction of
 * its own and each row is written as it arrives, so a queue of any length is never held in memory.
 */
@ApplicationScoped
public class ReferralExports {

    static final int FETCH_SIZE = 500;
    /** The export runs after the request method returned; its transaction may take this long. */
    static final int TIMEOUT_SECONDS = 600;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    static final List<String> QUEUE_HEADERS = List.of("转办件编号", "案件编号", "社区代码", "条线", "状态", "转办途径", "承办单位",
            "签收期限", "办理期限", "转办时间", "答复时间", "按时答复", "满意度", "重复次数", "督办层级", "诉求摘要");
    static final List<String> SCOREBOARD_HEADERS = List.of("排名", "承办单位", "层级", "转办件数", "按时签收", "响应率", "按时答复",
            "按期办结率", "已评价", "满意", "满意率", "重复信访件", "重复率", "超期件数");

    static final Map<String, String> STATUS = Map.of("TO_ROUTE", "待转办", "REFERRED", "已转办待签收", "RETURNED", "已退回",
            "ACCEPTED", "已签收", "IN_PROGRESS", "办理中", "EXTENDED", "已延期", "REPLIED", "已答复", "RESIDENT_INFORMED",
            "已告知来访人", "REOPENED", "重新办理", "CLOSED", "已办结");
    static final Map<String, String> ROUTE = Map.of("COMMUNITY", "社区直接办理", "SUBDISTRICT_DEPARTMENT", "街道职能部门办理",
            "REPRESENTATIVE_CONTACT", "代表直接联系", "INTER_SESSION_SUGGESTION", "闭会期间代表意见建议", "SESSION_SUGGESTION", "人代会建议");
    static final Map<String, String> TIER = Map.of("COMMUNITY", "社区", "SUBDISTRICT", "街道", "DISTRICT", "区", "CITY", "市");
    static final Map<String, String> SATISFACTION = Map.of("SATISFIED", "满意", "BASICALLY_SATISFIED", "基本满意",
            "UNSATISFIED", "不满意");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CallerScope scope;

    @Inject
    ReferralAccess access;

    /** The queue's WHERE clause and its parameters, fixed while the request (and its token) is there. */
    public record Query(String where, List<Object> params) {
    }

    /** The same scope and filters as {@code GET /referrals}: a unit its own, staff their jurisdiction. */
    public Query queueQuery(ReferralStatus status, String line, String caseId, boolean watchedByMe) {
        StringBuilder q = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (access.isUnitOnly()) {
            UUID unit = scope.unitId().map(ReferralExports::uuidOrNull).orElse(null);
            q.append(unit == null ? "false" : "r.unit_id = ?");
            if (unit != null) {
                params.add(unit);
            }
        } else {
            scope.likePrefix(); // fails closed (403) without a jurisdiction claim
            String own = scope.jurisdiction().orElseThrow();
            q.append("r.community_code between ? and ?");
            params.add(Jurisdiction.lowest(own));
            params.add(Jurisdiction.highest(own));
        }
        if (watchedByMe) {
            q.append(" and r.watch_jurisdiction = ?");
            params.add(scope.jurisdiction().orElse("-"));
        }
        if (status != null) {
            q.append(" and r.status = ?");
            params.add(status.name());
        }
        if (line != null) {
            q.append(" and r.line_code = ?");
            params.add(line);
        }
        if (caseId != null) {
            q.append(" and r.id in (select c.referral_id from referral_case c where c.case_id = ?)");
            params.add(caseId);
        }
        return new Query(q.toString(), List.copyOf(params));
    }

    /** Streams the queue: one cursor, {@value #FETCH_SIZE} rows at a time, each row written as read. */
    public void writeQueue(Query q, OutputStream out) {
        String sql = """
                select r.id, r.case_id, r.community_code, r.line_code, r.status, r.route, u.name, r.acknowledge_by,
                       r.due_date, r.referred_at, r.replied_at, r.replied_on_time, r.satisfaction, r.repeat_count,
                       r.watch_tier, left(r.description, 200)
                  from referral r left join handling_unit u on u.id = r.unit_id
                 where\s""" + q.where() + " order by r.priority desc, r.opened_at, r.id";
        QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                    XlsxWriter x = XlsxWriter.open(out)) {
                if (c.getAutoCommit()) {
                    c.setAutoCommit(false); // PostgreSQL uses a cursor (fetch size) only outside autocommit
                }
                ps.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < q.params().size(); i++) {
                    ps.setObject(i + 1, q.params().get(i));
                }
                x.sheet("转办队列", QUEUE_HEADERS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        x.row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                label(STATUS, rs.getString(5)), label(ROUTE, rs.getString(6)), rs.getString(7),
                                rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class),
                                minute(rs.getObject(10, OffsetDateTime.class)), minute(rs.getObject(11, OffsetDateTime.class)),
                                (Boolean) rs.getObject(12), label(SATISFACTION, rs.getString(13)), rs.getInt(14),
                                label(TIER, rs.getString(15)), rs.getString(16));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("referral export failed", e);
            }
        });
    }

    public void writeScoreboard(List<Reports.UnitSummary> rows, Reports.Period p, OutputStream out) {
        try (XlsxWriter x = XlsxWriter.open(out)) {
            x.sheet("承办单位记分牌", SCOREBOARD_HEADERS);
            for (Reports.UnitSummary u : rows) {
                x.row(u.rank(), u.unitName(), label(TIER, u.tier()), u.referred(), u.acceptedInTime(), u.responseRate(),
                        u.repliedOnTime(), u.onTimeResolutionRate(), u.rated(), u.satisfied(), u.satisfactionRate(),
                        u.withRepeats(), u.repeatRate(), u.overdue());
            }
            x.sheet("统计期间", List.of("开始", "结束"));
            x.row(p.from(), p.to());
        }
    }

    private static String label(Map<String, String> labels, String value) {
        return value == null ? null : labels.getOrDefault(value, value);
    }

    private static String minute(OffsetDateTime t) {
        return t == null ? null : MINUTE.format(t.atZoneSameInstant(AppClock.ZONE));
    }

    private static UUID uuidOrNull(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
