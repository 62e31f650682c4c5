package io.firstsettle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium}) measuring a report page at 1280x800: a copy of the page with a small
 * script appended writes what is on the first screen (banner, rows, links, with their boxes and colours) into the
 * DOM, and {@code --dump-dom} hands it back. The report pages themselves carry no script.
 */
final class ChromiumProbe {
    private static final String SCRIPT = """
            <script>
            window.addEventListener('load', function () {
              function box(el, strict) {
                if (!el) { return {visible: false, missing: true}; }
                var r = el.getBoundingClientRect(), s = getComputedStyle(el);
                var shown = r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
                var inside = strict ? r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth
                                    : r.top >= 0 && r.top < innerHeight && r.left >= 0 && r.left < innerWidth;
                return {top: r.top, left: r.left, bottom: r.bottom, right: r.right, visible: shown && inside,
                        text: (el.innerText || '').trim().slice(0, 400)};
              }
              var o = {viewportWidth: innerWidth, viewportHeight: innerHeight,
                       scrollWidth: document.documentElement.scrollWidth};
              o.banner = box(document.getElementById('banner'), true);
              o.diagnosis = box(document.getElementById('diagnosis'), false);
              var img = document.getElementById('timeline');
              o.timelineWidth = img ? img.naturalWidth : 0;
              o.rows = [];
              document.querySelectorAll('#scenarios tbody tr').forEach(function (tr, i) {
                if (i < 3) {
                  var b = box(tr, true), a = tr.querySelector('.act');
                  b.expected = tr.querySelector('.exp').innerText.trim();
                  b.actual = a.innerText.trim();
                  b.actualColour = getComputedStyle(a).color;
                  o.rows.push(b);
                }
              });
              o.links = [];
              document.querySelectorAll('header a, #scenarios tbody tr:nth-child(-n+3) a').forEach(function (a) {
                var b = box(a, true);
                b.href = a.getAttribute('href');
                o.links.push(b);
              });
              var pre = document.createElement('pre');
              pre.id = 'probe';
              pre.textContent = JSON.stringify(o);
              document.body.appendChild(pre);
            });
            </script>
            """;
    private static final Pattern PROBE = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL);

    private final String browser;

    private ChromiumProbe(String browser) {
        this.browser = browser;
    }

    /** Chromium from the PATH; the test is skipped, saying how to install it, only when there is none. */
    static ChromiumProbe find() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return new ChromiumProbe(p.toString());
                }
            }
        }
        Assumptions.abort("chromium not found on the PATH: the browser check of the report needs it "
                + "(apt-get install -y chromium fonts-noto-cjk; .ci/run installs both)");
        return null;
    }

    /** What the first screen of {@code page} shows, measured in a fresh profile folder. */
    JsonNode measure(Path page, Path profile) throws IOException, InterruptedException {
        Path probe = page.resolveSibling("probe-" + page.getFileName());
        String html = Files.readString(page, StandardCharsets.UTF_8);
        Files.writeString(probe, html.replace("</body>", SCRIPT + "</body>"), StandardCharsets.UTF_8);
        Files.createDirectories(profile);
        try {
            Process p = new ProcessBuilder(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + profile, "--window-size=1280,800", "--hide-scrollbars",
                    "--virtual-time-budget=5000", "--dump-dom", probe.toUri().toString())
                    .redirectError(profile.resolve("chromium.log").toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) { // bounded: a hung browser fails the test, it does not hang it
                p.destroyForcibly();
                throw new AssertionError("chromium did not finish within 60 s on " + page);
            }
            String dom = new String(out, StandardCharsets.UTF_8);
            Matcher m = PROBE.matcher(dom);
            if (!m.find()) {
                throw new AssertionError("chromium returned no measurements for " + page + " (exit " + p.exitValue()
                        + "): " + Files.readString(profile.resolve("chromium.log")));
            }
            String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
                    .replace("&amp;", "&");
            return new ObjectMapper().readTree(json);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
