package org.minqing.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Small helpers for running the native infrastructure processes. */
public final class Processes {

    private Processes() {
    }

    static int freePort() {
        return FreePorts.next();
    }

    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            // Readable by the 'postgres' user when tests run as root.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to completion; fails with its output if it exits non-zero. */
    static void run(List<String> command, Path workDir) throws IOException {
        Path out = Files.createTempFile("minqing-cmd", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IOException("exit " + p.exitValue() + " from " + String.join(" ", command) + ":\n"
                        + Files.readString(out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }

    /** The repository root: set by Surefire (minqing.repo.root), else found by walking up. */
    public static Path repoRoot() {
        String configured = System.getProperty("minqing.repo.root");
        if (configured != null && Files.isDirectory(Path.of(configured, "infra"))) {
            return Path.of(configured);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("infra/kafka-dist"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (no infra/kafka-dist above " + Path.of("").toAbsolutePath() + ")");
    }
}
