package org.minqing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/**
 * One person using the staff console in their own browser context: signed in through the real
 * Keycloak login page, every screen they reach checked with axe-core and kept as a full-page
 * screenshot under target/screenshots/.
 */
final class ConsoleUser implements AutoCloseable {

    private static final AtomicInteger SHOT = new AtomicInteger();
    private static final String AXE = readAxe();

    final String username;
    final BrowserContext context;
    final Page page;
    final String origin;

    private ConsoleUser(String username, BrowserContext context, Page page, String origin) {
        this.username = username;
        this.context = context;
        this.page = page;
        this.origin = origin;
    }

    /** Opens the console, is sent to Keycloak's login page, fills it in and comes back signed in. */
    static ConsoleUser signIn(String username) {
        String origin = E2ePlatform.get().consoleUrl();
        Browser browser = Chromium.browser();
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai").setViewportSize(1366, 900));
        context.setDefaultTimeout(20_000);
        Page page = context.newPage();
        ConsoleUser u = new ConsoleUser(username, context, page, origin);
        page.navigate(origin + "/");
        String keycloak = E2ePlatform.get().keycloakUrl();
        page.waitForURL(Pattern.compile(Pattern.quote(keycloak) + "/realms/minqing/protocol/openid-connect/auth.*"));
        page.locator("#username").fill(username);
        page.locator("#password").fill("demo");
        if (SHOT.get() == 0) {
            u.screen("keycloak-login");
        }
        page.locator("#kc-login").click();
        page.waitForURL(Pattern.compile(Pattern.quote(origin) + "/.*"));
        u.shell().waitFor();
        return u;
    }

    /** The signed-in application frame: the header's user menu with the user's name. */
    Locator shell() {
        return page.getByTestId("user-menu");
    }

    Locator byTestId(String id) {
        return page.getByTestId(id);
    }

    /** The text input of a field: the attribute sits on the input itself or on the component's root. */
    Locator input(String testId) {
        return page.locator("input[data-testid='" + testId + "'], textarea[data-testid='" + testId + "'], [data-testid='"
                + testId + "'] input").first();
    }

    void fill(String testId, String text) {
        input(testId).fill(text);
    }

    /** Opens an Element Plus select by its root's test id and clicks the option showing the text. */
    void select(String testId, String optionText) {
        selectAt(byTestId(testId), optionText);
    }

    /** The same for a select found otherwise (e.g. by the id Element Plus puts on its input). */
    void selectAt(Locator select, String optionText) {
        select.click();
        option(optionText).click();
    }

    /** A multiple select: every option, then Escape to close the list. */
    void selectAll(String testId, String... optionTexts) {
        byTestId(testId).click();
        for (String text : optionTexts) {
            option(text).click();
        }
        page.keyboard().press("Escape");
    }

    private Locator option(String text) {
        return page.locator(".el-select-dropdown__item:visible").filter(new Locator.FilterOptions().setHasText(text)).first();
    }

    /** An Element Plus tab by its name (the pane's id is tab-&lt;name&gt;). */
    void tab(String name) {
        page.locator("#tab-" + name).click();
    }

    /** Runs the action and returns the response of the API call it causes (method and path under /api/). */
    com.microsoft.playwright.Response call(String method, String apiPath, Runnable action) {
        return page.waitForResponse(r -> r.request().method().equals(method)
                && r.url().startsWith(origin + "/api/") && r.url().split("\\?")[0].endsWith(apiPath), action);
    }

    void open(String path) {
        page.navigate(origin + path);
        shell().waitFor();
    }

    /** Opens a side-menu entry (data-testid menu-&lt;route name&gt;) and waits for its route. */
    void menu(String name) {
        page.getByTestId("menu-" + name).click();
        page.waitForURL(Pattern.compile(Pattern.quote(origin) + "/" + Pattern.quote(name) + "([/?#].*)?"));
    }

    /** The side menu's entries (route names), what this user's roles may use. */
    List<String> menuEntries() {
        return page.getByTestId("side-menu").locator("[data-testid^=menu-]").all().stream()
                .map(l -> l.getAttribute("data-testid").substring("menu-".length())).toList();
    }

    /** Where screenshots are kept (made if missing): read after a run, also when a check failed. */
    private static Path screenshotDir() {
        Path dir = Path.of(System.getProperty("minqing.e2e.screenshots", "target/screenshots"));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The checks every screen gets: axe-core (no serious or critical violation) and a full-page
     * screenshot. The screenshot is taken first, so a failing screen is still kept for reading.
     */
    void screen(String name) {
        Path dir = screenshotDir();
        // The pointer off the controls: a hovered button is drawn lighter and would be judged in that state.
        page.mouse().move(1, 1);
        // A screen is judged at rest: a closing dropdown or an opening dialog is mid-fade (its colours
        // blended, its list half in the page). Wait until no finite CSS transition or animation runs.
        // (three frames first: Vue starts a leave transition a frame or two after the key press)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r))))");
        page.waitForFunction("""
                () => document.getAnimations().every(a => a.playState !== 'running'
                      || a.effect?.getComputedTiming().iterations === Infinity)""");
        String file = String.format("%02d-%s-%s.png", SHOT.incrementAndGet(), username, name);
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(file)).setFullPage(true));
        assertThat(seriousViolations()).as("axe-core serious/critical violations on %s (%s)", name, file).isEmpty();
    }

    /**
     * The page as the printer gets it: print media at the width of an A4 sheet (794 CSS px at 96 dpi),
     * kept as a full-page screenshot beside the others (name ending -print). Returns the file.
     */
    Path printScreen(String name) {
        Path dir = screenshotDir();
        var size = page.viewportSize();
        page.setViewportSize(794, 1123);
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        try {
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            Path file = dir.resolve(String.format("%02d-%s-%s-print.png", SHOT.incrementAndGet(), username, name));
            page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
            return file;
        } finally {
            page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));
            page.setViewportSize(size.width, size.height);
        }
    }

    /** Clicks what starts a download and returns the saved file (fetched with the bearer token, saved from a blob: URL). */
    Path download(String testId) {
        com.microsoft.playwright.Download d = page.waitForDownload(() -> byTestId(testId).click());
        assertThat(d.url()).as("a download is a blob: URL, no token in it").startsWith("blob:");
        return d.path();
    }

    @SuppressWarnings("unchecked")
    List<String> seriousViolations() {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe !== 'undefined'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(AXE));
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const r = await axe.run(document, { resultTypes: ['violations'] });
                  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                                 targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
                }""");
        List<String> out = new ArrayList<>();
        for (Map<String, Object> v : violations) {
            out.add(v.get("impact") + " " + v.get("id") + " (" + v.get("help") + ") at " + v.get("targets"));
        }
        return out;
    }

    @Override
    public void close() {
        context.close();
    }

    private static String readAxe() {
        try (InputStream in = ConsoleUser.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js not on the test classpath (npm ci in e2e-tests, see pom)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
