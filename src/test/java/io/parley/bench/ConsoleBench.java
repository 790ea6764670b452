package io.parley.bench;

import io.parley.testing.Browser;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console's keyboard in a real Chromium (bench/console.sh): the time from pressing {@code a}
 * on the card in focus to the card showing the decision, measured in the page (performance.now),
 * for a number of decisions in a row; {@code j} moves on, a new page is loaded when one is done.
 * Arguments: the service's base URL, a console session token, how many decisions.
 */
public final class ConsoleBench {

    private static final String PRESS_AND_WAIT = """
            const done = arguments[arguments.length - 1];
            const card = document.querySelector('.card.focused');
            if (!card || card.dataset.decided) { done(-1); return; }
            const started = performance.now();
            const seen = new MutationObserver(() => {
              if (card.classList.contains('decided') || card.classList.contains('conflict')) {
                seen.disconnect();
                done(performance.now() - started);
              }
            });
            seen.observe(card, { attributes: true, attributeFilter: ['class'] });
            document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
            """;

    private ConsoleBench() {
    }

    public static void main(String[] args) {
        String base = args[0];
        int decisions = Integer.parseInt(args[2]);
        ChromeDriver browser = Browser.start();
        try {
            browser.get(base + "/admin/login");
            browser.manage().addCookie(new Cookie.Builder("parley_console", args[1]).path("/admin").build());
            browser.get(base + "/admin/");
            List<Double> millis = new ArrayList<>();
            while (millis.size() < decisions) {
                double took = ((Number) browser.executeAsyncScript(PRESS_AND_WAIT)).doubleValue();
                if (took < 0) {
                    browser.navigate().refresh(); // this page is done: the next pending comments
                    continue;
                }
                millis.add(took);
                browser.executeScript("document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }))");
            }
            millis.sort(Double::compare);
            System.out.printf("console keyboard-decision %.1f %.1f %d%n", percentile(millis, 0.5), percentile(millis, 0.99), millis.size());
        } finally {
            browser.quit();
        }
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
