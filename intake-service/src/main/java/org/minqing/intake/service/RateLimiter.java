package org.minqing.intake.service;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.minqing.kit.problem.ProblemException;

/**
 * Fixed-window request limit per client address for the public (no login) endpoints, so receipt
 * codes cannot be guessed by brute force. In memory: each replica limits on its own.
 */
@ApplicationScoped
public class RateLimiter {

    @ConfigProperty(name = "minqing.public.rate-limit", defaultValue = "30")
    int limit;

    @ConfigProperty(name = "minqing.public.rate-window", defaultValue = "PT1M")
    Duration window;

    private record Window(long start, AtomicInteger count) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public long windowSeconds() {
        return Math.max(1, window.toSeconds());
    }

    public void check(String clientAddress) {
        long now = System.nanoTime();
        long length = window.toNanos();
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> now - e.getValue().start() > length);
        }
        Window w = windows.compute(clientAddress == null ? "?" : clientAddress,
                (k, old) -> old == null || now - old.start() > length ? new Window(now, new AtomicInteger()) : old);
        if (w.count().incrementAndGet() > limit) {
            throw ProblemException.tooManyRequests();
        }
    }
}
