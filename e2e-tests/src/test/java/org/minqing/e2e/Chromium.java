package org.minqing.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * One Debian Chromium for the whole browser suite (started on first use, stopped with the JVM).
 * Playwright for Java drives it through its Node.js driver, which ships inside the driver-bundle
 * jar and is unpacked to a temp dir: nothing is downloaded. {@code launch} gives the browser a
 * new empty profile (user-data-dir) in a temp dir; each signed-in user gets an isolated context.
 */
final class Chromium {

    /** Without the background-networking flags Chromium keeps dialling out on a closed network. */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private static Playwright playwright;
    private static Browser browser;

    private Chromium() {
    }

    static synchronized Browser browser() {
        if (browser == null) {
            Path executable = Path.of(System.getProperty("minqing.chromium", "/usr/bin/chromium"));
            if (!executable.toFile().canExecute()) {
                throw new IllegalStateException(executable + " missing: run infra/local/ensure-browser.sh (as root)");
            }
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable).setHeadless(true).setArgs(FLAGS));
            Runtime.getRuntime().addShutdownHook(new Thread(Chromium::close, "stop-chromium"));
        }
        return browser;
    }

    static synchronized void close() {
        if (playwright != null) {
            playwright.close();
            playwright = null;
            browser = null;
        }
    }
}
