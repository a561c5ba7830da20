package org.minqing.kit.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.minqing.kit.time.AppClock;

/**
 * A query's rows one at a time through a server-side cursor, for exports of any size: PostgreSQL
 * honours the fetch size only outside autocommit, so autocommit is switched off for the read (and
 * back afterwards) unless the connection already belongs to a transaction. No row list is built.
 */
public final class QueryCursor {

    public static final int FETCH_SIZE = 500;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** What is done with each row while the cursor stands on it. */
    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private QueryCursor() {
    }

    public static void forEach(DataSource dataSource, String sql, List<?> params, RowHandler handler) {
        try (Connection c = dataSource.getConnection()) {
            boolean restore = c.getAutoCommit();
            if (restore) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.row(rs);
                    }
                }
            } finally {
                if (restore) {
                    c.rollback(); // read only
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("export query failed", e);
        }
    }

    /** A timestamp as staff read it in a sheet: Shanghai time to the minute. */
    public static String minute(OffsetDateTime t) {
        return t == null ? null : MINUTE.format(t.atZoneSameInstant(AppClock.ZONE));
    }
}
