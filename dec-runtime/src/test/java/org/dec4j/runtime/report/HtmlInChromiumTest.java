package org.dec4j.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dec4j.runtime.ProgressSink;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium (Debian's {@code chromium} package): it must load with
 * no error, and every chart must have a size and drawn marks. Also leaves a screenshot in
 * {@code target/report-screenshot.png} to look at. Skipped when Chromium is not installed.
 */
class HtmlInChromiumTest {
  @TempDir
  Path temp;

  static Path chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  static List<String> command(Path chromium, Path profile) {
    return new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0",
        "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
  }

  static String run(List<String> command, Path log) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "chromium did not finish: " + command);
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void theReportLoadsWithoutErrorsAndDrawsEveryChart() throws Exception {
    Path chromium = chromium();
    Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium); skipped");
    Fixtures fx = new Fixtures(240, 4);
    Path folder = temp.resolve("report");
    Fixtures.write(folder, "blobs", ReportWriterTest.results(fx, "blobs"), fx.groundTruth("blobs"));
    ReportWriter.write(folder, ReportWriterTest.spec("tsne"), ProgressSink.NONE);
    String url = folder.resolve("report.html").toUri().toString();

    Page page = load(chromium, folder.resolve("report.html"), "profile1");
    assertEquals("0", page.attribute("data-errors"), "page errors: " + page.attribute("data-error-text"));
    int charts = Integer.parseInt(page.attribute("data-charts"));
    assertTrue(charts >= 10, "charts: " + charts);
    assertEquals(Integer.toString(charts), page.attribute("data-charts-drawn"), "every chart has a size and marks");
    assertEquals(List.of(), page.console(), "console messages");

    // The checks can fail: the same page with a script error and a missing image is caught.
    Path broken = folder.resolve("broken.html");
    Files.writeString(broken, Files.readString(folder.resolve("report.html")).replace("</main>",
        "<img src=\"missing.png\" alt=\"\"><script>noSuchFunction();</script></main>"));
    Page bad = load(chromium, broken, "profile3");
    assertEquals("2", bad.attribute("data-errors"), bad.attribute("data-error-text"));
    assertTrue(bad.attribute("data-error-text").contains("noSuchFunction"), bad.attribute("data-error-text"));
    assertTrue(bad.console().stream().anyMatch(l -> l.contains("noSuchFunction")), bad.console().toString());

    Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.createDirectories(shot.getParent());
    Files.deleteIfExists(shot);
    List<String> screenshot = command(chromium, temp.resolve("profile2"));
    screenshot.addAll(List.of("--window-size=1400,2400", "--hide-scrollbars", "--screenshot=" + shot, url));
    run(screenshot, temp.resolve("chromium2.log"));
    assertTrue(Files.isRegularFile(shot) && Files.size(shot) > 20_000, "screenshot " + shot);
  }

  /** A page as Chromium left it: the DOM after scripts ran, and the console lines of its log. */
  private record Page(String dom, List<String> console) {
    String attribute(String name) {
      Matcher m = Pattern.compile("<body[^>]*\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(dom);
      assertTrue(m.find(), name + " missing from <body>: the page's script did not run");
      return m.group(1);
    }
  }

  private Page load(Path chromium, Path html, String profile) throws Exception {
    List<String> dump = command(chromium, temp.resolve(profile));
    dump.addAll(List.of("--dump-dom", html.toUri().toString()));
    Path log = temp.resolve(profile + ".log");
    String dom = run(dump, log);
    return new Page(dom, Files.readString(log).lines().filter(l -> l.contains(":CONSOLE")).toList());
  }
}
