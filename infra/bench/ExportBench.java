import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Measures one streamed XLSX export (issue 13): time to first byte, total time, bytes, rows (counted
 * by unzipping as it arrives, nothing kept) and, given the service's pid, its peak resident memory
 * sampled every 50 ms during the download. Loopback only.
 *
 *   java infra/bench/ExportBench.java --url 'http://127.0.0.1:8081/cases/export.xlsx?from=2026-01-01' \
 *        --token "$JWT" --pid "$PID"
 */
public class ExportBench {

    public static void main(String[] args) throws Exception {
        String url = arg(args, "--url", null);
        String token = arg(args, "--token", System.getenv("MINQING_TOKEN"));
        String pid = arg(args, "--pid", null);
        if (url == null || token == null) {
            System.err.println("usage: --url <export url> --token <JWT> [--pid <service pid>]");
            System.exit(2);
        }
        URI uri = URI.create(url);
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            throw new IllegalArgumentException("loopback targets only");
        }
        AtomicLong peakKb = new AtomicLong(rssKb(pid));
        long baseKb = peakKb.get();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakKb.accumulateAndGet(rssKb(pid), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long firstByte = System.nanoTime();
        if (res.statusCode() != 200) {
            System.err.println("HTTP " + res.statusCode() + ": " + new String(res.body().readAllBytes(), StandardCharsets.UTF_8));
            System.exit(1);
        }
        CountingStream counted = new CountingStream(res.body());
        long rows = 0;
        try (ZipInputStream zin = new ZipInputStream(counted)) {
            for (ZipEntry e; (e = zin.getNextEntry()) != null;) {
                if (e.getName().startsWith("xl/worksheets/")) {
                    rows += countRows(zin);
                } else {
                    zin.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
        }
        long end = System.nanoTime();
        sampler.interrupt();
        System.out.printf("rows (header included) %d, bytes %d, first byte %d ms, total %d ms%n", rows, counted.count,
                (firstByte - t0) / 1_000_000, (end - t0) / 1_000_000);
        if (pid != null) {
            System.out.printf("service RSS before %d MB, peak during export %d MB%n", baseKb / 1024, peakKb.get() / 1024);
        }
    }

    private static long countRows(InputStream in) throws java.io.IOException {
        byte[] pattern = "<row ".getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int matched = 0;
        for (int r; (r = in.read(buf)) > 0;) {
            for (int i = 0; i < r; i++) {
                matched = buf[i] == pattern[matched] ? matched + 1 : (buf[i] == pattern[0] ? 1 : 0);
                if (matched == pattern.length) {
                    n++;
                    matched = 0;
                }
            }
        }
        return n;
    }

    private static long rssKb(String pid) {
        if (pid == null) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // the process ended
        }
        return 0;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
