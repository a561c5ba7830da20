package org.minqing.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process of the platform (a service or Keycloak) started, watched and killed by the suite. */
class ManagedProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path workDir;
    final Path log;
    private final String readyUrl;
    private Process process;
    /** The HTTP port of a service instance (null for Keycloak). */
    String envPort;

    ManagedProcess(String name, List<String> command, Map<String, String> env, Path workDir, Path log, String readyUrl) {
        this.name = name;
        this.command = command;
        this.env = env;
        this.workDir = workDir;
        this.log = log;
        this.readyUrl = readyUrl;
    }

    /** The operating-system id of the running process (-1 before its start): a restart changes it. */
    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    synchronized void start() {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until the ready URL answers 200; fails with the log's tail if the process dies or times out. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; log " + log + ":\n" + tail());
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; log " + log + ":\n" + tail());
    }

    /** Waits for the process to end by itself; true if it did within the timeout. */
    boolean awaitExit(Duration timeout) {
        Process p;
        synchronized (this) {
            p = process;
        }
        try {
            return p != null && p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: what a crash looks like. */
    synchronized void kill() {
        if (process != null && process.isAlive()) {
            // Children first: kc.sh runs Keycloak's JVM as a child, which outlives a killed script.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** SIGTERM: a graceful stop, as Kubernetes does it. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            java.util.List<ProcessHandle> children = process.descendants().toList();
            children.forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                for (ProcessHandle child : children) {
                    child.onExit().get(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                children.forEach(ProcessHandle::destroyForcibly);
            }
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
