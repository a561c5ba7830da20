package org.minqing.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the processes a test starts. They come from below Linux's ephemeral range
 * (32768–60999): a port the kernel hands out with {@code new ServerSocket(0)} may, in the seconds
 * before our process binds it, become the local port of some outgoing connection (a Kafka or JDBC
 * client), and the process then fails to start with "address in use". Outgoing connections never
 * take a port below that range. Each JVM starts at its own offset and never hands out a port twice.
 */
public final class FreePorts {

    private static final int FIRST = 20000;
    private static final int LAST = 32000;
    private static final AtomicInteger NEXT = new AtomicInteger(
            (int) Math.floorMod(ProcessHandle.current().pid() * 7919L, (long) (LAST - FIRST)));

    private FreePorts() {
    }

    /** A port that nobody listens on now and that this JVM has not handed out before. */
    public static int next() {
        for (int tries = 0; tries < LAST - FIRST; tries++) {
            int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), LAST - FIRST);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
