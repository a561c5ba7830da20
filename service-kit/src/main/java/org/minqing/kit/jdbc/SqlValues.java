package org.minqing.kit.jdbc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Values of native-query result rows as java.time: the PostgreSQL driver and Hibernate hand back
 * {@code timestamptz} and {@code date} columns as java.time or java.sql types depending on the path
 * the query took. Null stays null.
 */
public final class SqlValues {

    private SqlValues() {
    }

    public static Instant instant(Object o) {
        if (o == null || o instanceof Instant) {
            return (Instant) o;
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + o.getClass());
    }

    public static LocalDate localDate(Object o) {
        if (o == null || o instanceof LocalDate) {
            return (LocalDate) o;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(o.toString());
    }
}
