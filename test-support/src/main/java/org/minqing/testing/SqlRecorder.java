package org.minqing.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Records the SQL Hibernate sends while a test asks it to, so a test can say what a request
 * queried (a period in the WHERE clause, a range instead of LIKE), not only what it answered.
 * A service whose tests use it indexes this jar:
 * {@code %test.quarkus.index-dependency.test-support.group-id=org.minqing} and {@code …artifact-id=test-support}.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class SqlRecorder implements StatementInspector {

    private static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();
    private static volatile boolean recording;

    @Override
    public String inspect(String sql) {
        if (recording) {
            STATEMENTS.add(sql);
        }
        return sql;
    }

    /** Runs {@code action} and returns the statements sent meanwhile (by any thread) that mention {@code table}. */
    public static List<String> during(String table, Runnable action) {
        STATEMENTS.clear();
        recording = true;
        try {
            action.run();
        } finally {
            recording = false;
        }
        java.util.regex.Pattern t = java.util.regex.Pattern.compile("(?i)\\b(from|join)\\s+" + table + "\\b");
        return STATEMENTS.stream().filter(s -> t.matcher(s).find()).toList();
    }
}
