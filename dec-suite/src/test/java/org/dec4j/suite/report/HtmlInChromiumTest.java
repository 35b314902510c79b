package org.dec4j.suite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
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
 * no error, and every chart must have a size and drawn marks. Also leaves a screenshot in {@code
 * target/report-screenshot.png} to look at, and one of each section added for issue 21 in {@code
 * target/report-<section>.png}. Skipped when Chromium is not installed.
 */
class HtmlInChromiumTest {
  @TempDir Path temp;

  static Path chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir :
          System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  static List<String> command(Path chromium, Path profile) {
    return new ArrayList<>(
        List.of(
            chromium.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--enable-logging=stderr",
            "--v=0",
            "--user-data-dir=" + profile,
            "--virtual-time-budget=10000"));
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
    Assumptions.assumeTrue(
        chromium != null, "chromium is not installed (apt-get install chromium); skipped");
    Fixtures fx = new Fixtures(240, 4);
    Path folder = temp.resolve("report");
    Fixtures.write(folder, "blobs", ReportWriterTest.results(fx, "blobs"), fx.groundTruth("blobs"));
    ReportWriter.write(folder, ReportWriterTest.spec("tsne"), ProgressSink.NONE);
    String url = folder.resolve("report.html").toUri().toString();

    Page page = load(chromium, folder.resolve("report.html"), "profile1");
    assertEquals(
        "0", page.attribute("data-errors"), "page errors: " + page.attribute("data-error-text"));
    int charts = Integer.parseInt(page.attribute("data-charts"));
    assertTrue(charts >= 10, "charts: " + charts);
    assertEquals(
        Integer.toString(charts),
        page.attribute("data-charts-drawn"),
        "every chart has a size and marks");
    assertEquals(List.of(), page.console(), "console messages");

    // The checks can fail: the same page with a script error and a missing image is caught.
    Path broken = folder.resolve("broken.html");
    Files.writeString(
        broken,
        Files.readString(folder.resolve("report.html"))
            .replace(
                "</main>",
                "<img src=\"missing.png\" alt=\"\"><script>noSuchFunction();</script></main>"));
    Page bad = load(chromium, broken, "profile3");
    assertEquals("2", bad.attribute("data-errors"), bad.attribute("data-error-text"));
    assertTrue(
        bad.attribute("data-error-text").contains("noSuchFunction"),
        bad.attribute("data-error-text"));
    assertTrue(
        bad.console().stream().anyMatch(l -> l.contains("noSuchFunction")),
        bad.console().toString());

    Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.createDirectories(shot.getParent());
    Files.deleteIfExists(shot);
    List<String> screenshot = command(chromium, temp.resolve("profile2"));
    screenshot.addAll(
        List.of("--window-size=1400,2400", "--hide-scrollbars", "--screenshot=" + shot, url));
    run(screenshot, temp.resolve("chromium2.log"));
    assertTrue(Files.isRegularFile(shot) && Files.size(shot) > 20_000, "screenshot " + shot);
  }

  /**
   * The sections that say what was run and the DEC paper's figures, from results of image data:
   * they load without error, every chart (bars, gallery, maps of the clusters forming) has a size
   * and marks, every sample picture decodes, and each exported SVG file opens on its own. Leaves a
   * screenshot of each section in {@code target/report-<section>.png}.
   */
  @Test
  void theNewSectionsAndTheExportedFiguresRender() throws Exception {
    Path chromium = chromium();
    Assumptions.assumeTrue(
        chromium != null, "chromium is not installed (apt-get install chromium); skipped");
    Fixtures fx = new Fixtures(240, 4);
    Path folder = temp.resolve("figures-report");
    Fixtures.write(folder, "blobs", ReportFiguresTest.withFigures(fx), fx.groundTruth("blobs"));
    ReportWriter.Written w =
        ReportWriter.write(folder, ReportWriterTest.spec("tsne"), ProgressSink.NONE);
    Path html = folder.resolve("report.html");

    Page page = load(chromium, html, "profile4");
    assertEquals(
        "0", page.attribute("data-errors"), "page errors: " + page.attribute("data-error-text"));
    assertEquals(
        page.attribute("data-charts"),
        page.attribute("data-charts-drawn"),
        "every chart has marks");
    int images = Integer.parseInt(page.attribute("data-images"));
    assertEquals(3 * 4 * 10, images, "the gallery's pictures: 3 methods x 4 clusters x 10");
    assertEquals(
        Integer.toString(images), page.attribute("data-images-decoded"), "every picture decodes");
    for (String id :
        List.of(
            "scores-blobs",
            "settings-blobs",
            "autoencoders-blobs",
            "forming-blobs",
            "gallery-blobs")) {
      assertTrue(page.dom().contains("id=\"" + id + "\""), "section " + id);
    }
    assertEquals(List.of(), page.console(), "console messages");

    // The decode check can fail: the same page with one picture cut after its PNG header counts one
    // less.
    String text = Files.readString(html);
    Matcher first = Pattern.compile("href=\"data:image/png;base64,([^\"]+)\"").matcher(text);
    assertTrue(first.find(), "a picture in the page");
    byte[] png = Base64.getDecoder().decode(first.group(1));
    String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(png, 33));
    Path oneBroken = folder.resolve("one-broken-picture.html");
    Files.writeString(
        oneBroken, text.substring(0, first.start(1)) + cut + text.substring(first.end(1)));
    Page broken = load(chromium, oneBroken, "profile5");
    assertEquals(Integer.toString(images), broken.attribute("data-images"));
    assertEquals(
        Integer.toString(images - 1), broken.attribute("data-images-decoded"), "the cut picture");

    // an exported figure opens on its own, styled, with its marks
    for (String name :
        List.of("scores", "dec-most-confident", "dec-forming-iteration30", "acc-every-method")) {
      Path svg = folder.resolve("figures/blobs/" + name + ".svg");
      assertTrue(w.figures().contains(svg), name);
      Path wrapper = temp.resolve(name + ".html");
      Files.writeString(
          wrapper,
          "<!DOCTYPE html><html><body><img id=\"f\" src=\""
              + svg.toUri()
              + "\"><script>"
              + "window.addEventListener('load', function () { var f = document.getElementById('f'); "
              + "document.body.setAttribute('data-w', String(f.naturalWidth)); });</script></body></html>");
      Page figure = load(chromium, wrapper, "profile-" + name);
      assertTrue(
          Integer.parseInt(figure.attribute("data-w")) > 100,
          name + " renders as an image on its own");
    }

    for (String section :
        List.of("scores", "settings", "autoencoders", "curves", "maps", "forming", "gallery")) {
      Path shot = Path.of("target", "report-" + section + ".png").toAbsolutePath();
      Files.createDirectories(shot.getParent());
      Files.deleteIfExists(shot);
      // a copy of the page that starts at the section (headless screenshots ignore #fragments)
      Path page1 = folder.resolve("shot-" + section + ".html");
      Files.writeString(
          page1,
          Files.readString(html)
              .replace(
                  "</body>",
                  "<script>(function () {"
                      + "var t = document.getElementById('"
                      + section
                      + "-blobs'); document.querySelector('header').remove();"
                      + "for (var e = t; e && e.tagName !== 'BODY'; e = e.parentElement) {"
                      + "  while (e.previousElementSibling) { e.previousElementSibling.remove(); } }"
                      + "})();</script></body>"));
      List<String> screenshot = command(chromium, temp.resolve("profile-shot-" + section));
      screenshot.addAll(
          List.of(
              "--window-size=1400,1100",
              "--hide-scrollbars",
              "--screenshot=" + shot,
              page1.toUri().toString()));
      run(screenshot, temp.resolve("shot-" + section + ".log"));
      assertTrue(Files.isRegularFile(shot) && Files.size(shot) > 10_000, "screenshot " + shot);
    }
  }

  /** A page as Chromium left it: the DOM after scripts ran, and the console lines of its log. */
  private record Page(String dom, List<String> console) {
    String attribute(String name) {
      Matcher m =
          Pattern.compile("<body[^>]*\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(dom);
      assertTrue(m.find(), name + " missing from <body>: the page's script did not run");
      return m.group(1);
    }
  }

  private Page load(Path chromium, Path html, String profile) throws Exception {
    List<String> dump = command(chromium, temp.resolve(profile));
    dump.addAll(List.of("--dump-dom", html.toUri().toString()));
    Path log = temp.resolve(profile + ".log");
    String dom = run(dump, log);
    return new Page(
        dom, Files.readString(log).lines().filter(l -> l.contains(":CONSOLE")).toList());
  }
}
