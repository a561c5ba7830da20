package org.minqing.intake.service;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.minqing.kit.problem.ProblemException;

/**
 * Fixed-window request limit per client for the public (no login) endpoints, so receipt codes
 * cannot be guessed by brute force. In memory: each replica limits on its own (the ingress limits
 * too). L8: memory is bounded and each request costs O(1): at most {@code max-clients} windows
 * are kept, oldest first out, and expired windows are dropped from the front as requests pass;
 * IPv6 clients are counted per /64, so rotating addresses inside one's own prefix gains nothing.
 */
@ApplicationScoped
public class RateLimiter {

    @ConfigProperty(name = "minqing.public.rate-limit", defaultValue = "30")
    int limit;

    @ConfigProperty(name = "minqing.public.rate-window", defaultValue = "PT1M")
    Duration window;

    @ConfigProperty(name = "minqing.public.rate-max-clients", defaultValue = "50000")
    int maxClients;

    private static final class Window {
        final long start;
        int count;

        Window(long start) {
            this.start = start;
        }
    }

    /** Insertion order = window start order (a renewed window is re-inserted), so the eldest expire first. */
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

    public RateLimiter() {
    }

    /** For tests without CDI. */
    public RateLimiter(int limit, Duration window, int maxClients) {
        this.limit = limit;
        this.window = window;
        this.maxClients = maxClients;
    }

    public long windowSeconds() {
        return Math.max(1, window.toSeconds());
    }

    public void check(String clientAddress) {
        if (!allow(clientKey(clientAddress), System.nanoTime())) {
            throw ProblemException.tooManyRequests();
        }
    }

    synchronized boolean allow(String key, long now) {
        long length = window.toNanos();
        // Drop expired windows from the front: each is removed once, so this is O(1) amortised.
        for (Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator(); it.hasNext();) {
            if (now - it.next().getValue().start <= length) {
                break;
            }
            it.remove();
        }
        Window w = windows.get(key);
        if (w == null) {
            if (windows.size() >= maxClients) {
                // Full of live windows: the eldest goes (its client starts afresh, a bounded leniency).
                Iterator<String> eldest = windows.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            w = new Window(now);
            windows.put(key, w);
        }
        return ++w.count <= limit;
    }

    /** How many client windows are held (never more than max-clients). */
    public synchronized int trackedClients() {
        return windows.size();
    }

    /** IPv4 address as is; IPv6 by its /64 prefix (one subscriber's block). */
    static String clientKey(String address) {
        if (address == null || address.isBlank()) {
            return "?";
        }
        if (address.indexOf(':') < 0) {
            return address;
        }
        String a = address.startsWith("[") ? address.substring(1, address.indexOf(']') > 0 ? address.indexOf(']') : address.length())
                : address;
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        String[] full = expand(a);
        return full == null ? a : String.join(":", full[0], full[1], full[2], full[3]) + "::/64";
    }

    /** The eight hextets of an IPv6 address (lower case, no leading zeros), or null if it is not one. */
    private static String[] expand(String a) {
        String[] head;
        String[] tail;
        int gap = a.indexOf("::");
        if (gap >= 0) {
            head = gap == 0 ? new String[0] : a.substring(0, gap).split(":");
            tail = gap + 2 >= a.length() ? new String[0] : a.substring(gap + 2).split(":");
        } else {
            head = a.split(":");
            tail = new String[0];
        }
        if (head.length + tail.length > 8 || (gap < 0 && head.length != 8)) {
            return null;
        }
        String[] out = new String[8];
        java.util.Arrays.fill(out, "0");
        for (int i = 0; i < head.length; i++) {
            out[i] = norm(head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            out[8 - tail.length + i] = norm(tail[i]);
        }
        for (String h : out) {
            if (h == null) {
                return null;
            }
        }
        return out;
    }

    private static String norm(String hextet) {
        if (hextet.isEmpty() || hextet.length() > 4 || !hextet.matches("[0-9a-fA-F]+")) {
            return hextet.contains(".") ? "0" : null; // an embedded IPv4 tail lies outside the /64 anyway
        }
        return Integer.toHexString(Integer.parseInt(hextet, 16));
    }
}
