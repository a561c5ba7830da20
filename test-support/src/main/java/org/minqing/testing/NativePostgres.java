package org.minqing.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, run from the machine's own binaries as a separate process
 * (no Docker). One throwaway cluster per JVM, on a free loopback port, with durability switched
 * off because the data is thrown away; stopped by a shutdown hook.
 */
public final class NativePostgres {

    public static final String USER = "minqing";
    private static NativePostgres shared;

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;

    private NativePostgres(Path binDir, Path dataDir, int port) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
    }

    /** The JVM's cluster, started on first use. */
    public static synchronized NativePostgres shared() {
        if (shared == null) {
            NativePostgres pg = new NativePostgres(findBinDir(), Processes.tempDir("minqing-pg-"), Processes.freePort());
            pg.start();
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "stop-test-postgres"));
            shared = pg;
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    /** Creates the database unless it exists; returns its JDBC URL. */
    public synchronized String database(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                var rs = c.createStatement().executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
            if (!rs.next()) {
                c.createStatement().execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return jdbcUrl(name);
    }

    private void start() {
        try {
            if (asPostgresUser) {
                // PostgreSQL refuses to run as root; the cluster belongs to the 'postgres' user.
                Processes.run(List.of("chown", "-R", "postgres", dataDir.toString()), dataDir);
            }
            Processes.run(asUser(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.resolve("data").toString(),
                    "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")), dataDir);
            Processes.run(asUser(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(),
                    "-l", dataDir.resolve("data/server.log").toString(), "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                    "start")), dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL from " + binDir + ": " + e.getMessage(), e);
        }
    }

    private void stop() {
        try {
            Processes.run(asUser(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(),
                    "-m", "immediate", "stop")), dataDir);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop test PostgreSQL: " + e.getMessage());
        }
        Processes.deleteTree(dataDir);
    }

    private List<String> asUser(List<String> command) {
        if (!asPostgresUser) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static Path findBinDir() {
        String configured = System.getenv("MINQING_PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "initdb"))) {
            return Path.of(configured);
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                var found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException ignored) {
                // fall through to the message below
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin."
                + " Install them (apt-get install postgresql) or set MINQING_PG_BIN.");
    }
}
