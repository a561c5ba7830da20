package org.minqing.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

import org.minqing.testing.NativePostgres;

/** Read-only JDBC look-ups in a service's database, for counts the APIs do not expose. */
final class Db {

    private Db() {
    }

    static Connection open(String service) throws SQLException {
        NativePostgres pg = NativePostgres.shared();
        return DriverManager.getConnection(pg.jdbcUrl(service), pg.user(), "");
    }

    static long count(String service, String sql, Collection<String> ids) {
        try (Connection c = open(service); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cases (by id) with a referral: each case is in referral_case exactly once (its primary key). */
    static long referredCases(Collection<String> caseIds) {
        return count("referral", "select count(*) from referral_case where case_id = any(?)", caseIds);
    }

    /** Referrals opened for these cases plus repeat links: equals the number of cases iff none was done twice. */
    static long referralsAndRepeatLinks(Collection<String> caseIds) {
        return count("referral", "with ids as (select unnest(?::text[]) as id) "
                + "select (select count(*) from referral where case_id in (select id from ids)) "
                + "+ (select count(*) from referral_case where repeat and case_id in (select id from ids))", caseIds);
    }
}
