package io.parley.widget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.live.LiveHub;
import io.parley.testing.AdminTokens;
import io.parley.testing.ArticlePageResource;
import io.parley.testing.Browser;
import io.parley.testing.Moderators;
import io.parley.testing.ProviderStandInResource;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The comment form as a reader uses it: a real Chromium on an article page of another origin. */
@QuarkusTest
class WidgetBrowserTest {

    private static ChromeDriver browser;

    @Inject
    LiveHub live;
    private WebDriverWait wait;
    private String article;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void openArticle() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // the widget re-renders what it reloads
        article = "article-" + System.nanoTime();
        browser.manage().window().setSize(new Dimension(1000, 1200));
        browser.get(ArticlePageResource.articleUrl(parley(), article));
        browser.executeScript("localStorage.clear()");
        open();
    }

    private static String parley() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private void open() {
        browser.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".parley-count"), "comment"));
    }

    @Test
    void theFormSaysWhatAWordPressFormSays() {
        waitForText("Fill in your details below or click an icon to log in:");
        String text = text();
        for (String expected : List.of("Leave a Reply", "Email", "(required)", "Address never made public", "Name", "Website",
                "Notify me of new comments via email.", "Post Comment", "0 comments")) {
            assertTrue(text.contains(expected), expected);
        }
        assertEquals("Enter your comment here...", field("#parley-body").getAttribute("placeholder"));
        assertEquals(2, browser.findElements(By.cssSelector(".parley-provider")).size());
        assertEquals("Log in with Twitter", browser.findElement(By.cssSelector(".parley-provider-twitter")).getAttribute("aria-label"));
        Number unlabelled = (Number) browser.executeScript(
                "return [...document.querySelectorAll('.parley input, .parley textarea, .parley select')].filter(e => !e.labels.length).length");
        assertEquals(0, unlabelled.intValue(), "every field has a label");
        Browser.screenshot(browser, "comment-form");
    }

    @Test
    void aGuestPostsSeesTheirCommentAwaitingModerationAndSeesItPublishedOnceApproved() {
        fillGuest("Ann Reader", "ann@example.com", "https://ann.example");
        field("#parley-body").sendKeys("A thoughtful comment.\nWith a second line.");
        assertFalse(field("#parley-notify-scope").isDisplayed());
        field("#parley-notify").click();
        assertTrue(field("#parley-notify-scope").isDisplayed(), "ticked, it asks: replies or every new comment");
        submit();

        WebElement mine = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".parley-comment")));
        assertTrue(mine.getText().contains("Your comment is awaiting moderation."), mine.getText());
        assertTrue(mine.getText().contains("Ann Reader"));
        assertEquals(mine, browser.switchTo().activeElement(), "focus moves to the new comment");
        assertEquals("A", mine.findElement(By.cssSelector(".parley-initial")).getText(), "a guest's avatar is drawn, not fetched");
        assertEquals(0L, browser.executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => ![location.host, new URL(arguments[0]).host].includes(new URL(e.name).host)).length", parley()),
                "nothing is fetched from a third party");
        assertEquals("", field("#parley-body").getAttribute("value"));
        long id = Long.parseLong(mine.getAttribute("id").replace("comment-", ""));

        open();
        assertTrue(text().contains("Your comment is awaiting moderation."), "the author still sees it after a reload");
        assertEquals("Ann Reader", field("#parley-name").getAttribute("value"), "guest details are remembered");
        assertEquals("ann@example.com", field("#parley-email").getAttribute("value"));

        Moderators.decide(AdminTokens.moderator(), id, "approve").statusCode(200);
        open();

        WebElement published = browser.findElement(By.id("comment-" + id));
        assertFalse(published.getText().contains("awaiting moderation"));
        assertTrue(published.getText().contains("A thoughtful comment."));
        assertEquals("https://ann.example/", published.findElement(By.cssSelector(".parley-author a")).getAttribute("href"));
        assertTrue(text().contains("1 comment"));
    }

    @Test
    void replyAndCancelReply() {
        long parent = approvedComment("Bob Writer", "The first word.");
        open();
        WebElement comment = browser.findElement(By.id("comment-" + parent));

        comment.findElement(By.cssSelector(".parley-reply")).click();

        assertEquals("Leave a Reply to Bob Writer Cancel reply", browser.findElement(By.cssSelector(".parley-reply-title")).getText());
        assertTrue(comment.findElements(By.cssSelector("#parley-respond")).size() == 1, "the form moves under the comment");
        browser.findElement(By.cssSelector(".parley-cancel")).click();
        assertEquals("Leave a Reply", browser.findElement(By.cssSelector(".parley-reply-title")).getText());

        comment.findElement(By.cssSelector(".parley-reply")).click();
        fillGuest("Cy Replier", "cy@example.com", "");
        field("#parley-body").sendKeys("A reply.");
        submit();

        WebElement reply = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#comment-" + parent + " > .parley-children > .parley-comment")));
        assertTrue(reply.getText().contains("A reply.") && reply.getText().contains("Your comment is awaiting moderation."));
        assertEquals("Leave a Reply", browser.findElement(By.cssSelector(".parley-reply-title")).getText());
    }

    @Test
    void mistakesAreExplainedNextToTheFieldsAndNothingTypedIsLost() {
        submit();
        waitForText("Please type a comment.");
        assertTrue(text().contains("Please enter your email address.") && text().contains("Please enter your name."));
        assertEquals("true", field("#parley-body").getAttribute("aria-invalid"));

        fillGuest("Dee", "not-an-email", "");
        field("#parley-body").sendKeys("Keep this text.");
        submit();
        waitForText("Please enter a valid email address.");
        assertEquals("Keep this text.", field("#parley-body").getAttribute("value"));

        field("#parley-email").clear();
        field("#parley-email").sendKeys("dee@example.com");
        submit();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".parley-comment")));
        field("#parley-body").sendKeys("Keep this text.");
        submit();

        waitForText("Duplicate comment detected; it looks as though you\u2019ve already said that!");
        assertEquals("Keep this text.", field("#parley-body").getAttribute("value"));
        assertEquals(1, browser.findElements(By.cssSelector(".parley-comment")).size());
    }

    @Test
    void postingTooFastAndBeingBannedAreSaidInPlainWords() {
        Moderators.settings(Map.of("floodIntervalSeconds", 60));
        fillGuest("Ike", "ike@example.com", "");
        field("#parley-body").sendKeys("My first thought.");
        submit();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".parley-comment")));
        field("#parley-body").sendKeys("And a second one, at once.");
        submit();
        waitForText("You are posting comments too quickly. Please wait");

        Moderators.settings(Map.of("floodIntervalSeconds", 0));
        Moderators.as(AdminTokens.admin()).body(Map.of("kind", "email", "value", "ike@example.com"))
                .post("/admin/v1/bans").then().statusCode(201);
        submit();
        waitForText("Sorry, you cannot comment here.");
        assertEquals("And a second one, at once.", field("#parley-body").getAttribute("value"));
    }

    @Test
    void aClosedArticleSaysSo() {
        approvedComment("Eve", "Before closing.");
        Moderators.as(AdminTokens.admin()).body(Map.of("closed", true)).put("/admin/v1/articles/{id}", article).then().statusCode(200);
        open();
        fillGuest("Fay", "fay@example.com", "");
        field("#parley-body").sendKeys("Too late?");
        submit();

        waitForText("Sorry, comments are closed for this article.");
        assertEquals("Too late?", field("#parley-body").getAttribute("value"));
    }

    @Test
    void aReaderLogsInWithTwitterInAPopupPostsAsThatAccountAndLogsOut() {
        ProviderStandInResource.standIn().consentTakes(1500);
        browser.findElement(By.cssSelector(".parley-provider-twitter")).click();

        waitForText("Connecting to Twitter");
        waitForText("You are commenting using your Twitter account.");
        assertTrue(text().contains("Log Out") && text().contains("Change"));
        // the avatar (on pbs.twimg.com, out of reach here) falls back to the initial
        wait.until(d -> d.findElement(By.cssSelector(".parley-logged-in .parley-avatar")).getText().equals("A"));
        assertTrue(browser.findElements(By.cssSelector("#parley-email")).isEmpty(), "no guest fields when logged in");
        assertFalse(field("#parley-notify").isDisplayed(), "X gives no email address: no \"Notify me\"");
        Browser.screenshot(browser, "logged-in-form");

        field("#parley-body").sendKeys("Posted with my Twitter account.");
        submit();
        WebElement mine = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".parley-comment")));
        assertTrue(mine.getText().contains("Ada Lovelace"), mine.getText());

        open();
        waitForText("You are commenting using your Twitter account.");
        browser.findElement(By.cssSelector(".parley-logout")).click();

        waitForText("Fill in your details below or click an icon to log in:");
        assertTrue(browser.findElements(By.cssSelector(".parley-logged-in")).isEmpty());
        assertTrue(field("#parley-notify").isDisplayed(), "a guest gives an address");
        assertEquals(0L, (Long) browser.executeScript("return localStorage.length"), "the token is forgotten");
    }

    @Test
    void namesAreTextAndCommentsOnlyTheServersHtml() {
        long id = approvedComment("<img src=x onerror=\"window.pwned=1\">", "<b>bold</b> <script>window.pwned=2</script>");
        open();

        WebElement comment = browser.findElement(By.id("comment-" + id));
        assertTrue(comment.findElement(By.cssSelector(".parley-author")).getText().contains("<img src=x"));
        assertEquals(1, comment.findElements(By.cssSelector(".parley-content b")).size());
        assertTrue(comment.findElements(By.cssSelector(".parley-content script, .parley-author img")).isEmpty());
        assertEquals(null, browser.executeScript("return window.pwned"));
    }

    @Test
    void theFormFitsA320PixelScreenAndWorksFromTheKeyboard() {
        approvedComment("Gil", "Narrow screens too.");
        browser.manage().window().setSize(new Dimension(320, 800));
        open();

        Number overflow = (Number) browser.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertTrue(overflow.intValue() <= 0, "no sideways scrolling at 320 px, overflow " + overflow);
        field("#parley-body").sendKeys("Typed only with the keyboard.");
        fillGuest("Hal", "hal@example.com", "");
        field("#parley-website").sendKeys(org.openqa.selenium.Keys.TAB);
        assertEquals("notify", browser.switchTo().activeElement().getAttribute("name"));
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.TAB);
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);

        waitForText("Typed only with the keyboard.");
        Browser.screenshot(browser, "comment-form-320px");
    }

    @Test
    void newCommentsWaitBehindABarAndTheReadersOwnCommentTurnsPublicInPlace() {
        long first = approvedComment("Bob Writer", "Already here.");
        open();
        fillGuest("Ann Reader", "ann@example.com", "");
        field("#parley-body").sendKeys("Mine, held for now.");
        submit();
        WebElement mine = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".parley-comment .parley-pending")))
                .findElement(By.xpath("./ancestor::li[1]"));
        long mineId = Long.parseLong(mine.getAttribute("id").replace("comment-", ""));
        wait.until(d -> live.open() > 0); // the widget's stream is open

        published("Cid Newcomer", "cid@example.com", "A newcomer.", null);
        published("Dee Replier", "dee@example.com", "An answer to Bob.", first);
        Moderators.decide(AdminTokens.moderator(), mineId, "approve").statusCode(200);

        WebElement bar = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".parley-news")));
        assertEquals("1 new comment, show it", bar.getText());
        assertEquals("1 new reply, show it",
                wait.until(d -> d.findElement(By.cssSelector("#comment-" + first + " > .parley-new-replies"))).getText());
        wait.until(d -> browser.findElements(By.cssSelector("#comment-" + mineId + " .parley-pending")).isEmpty());
        assertTrue(text().contains("Mine, held for now."), "the reader's own comment, now public, stayed where it was");
        assertFalse(text().contains("A newcomer.") || text().contains("An answer to Bob."), "nothing moves until the reader asks");
        Browser.screenshot(browser, "live-new-comments");

        bar.click();
        waitForText("A newcomer.");
        waitForText("An answer to Bob.");
        assertFalse(field(".parley-news").isDisplayed());
    }

    private long approvedComment(String name, String text) {
        long id = Readers.as(null).body(Map.of("body", text, "articleUrl", ArticlePageResource.origin() + "/news/" + article,
                        "author", Readers.guest(name, "someone@example.com")))
                .post("/api/v1/articles/{id}/comments", article).then().statusCode(201).extract().jsonPath().getLong("id");
        Moderators.decide(AdminTokens.moderator(), id, "approve").statusCode(200);
        return id;
    }

    @Test
    void aFrontPageShowsEveryArticlesCommentCountFromOneRequest() {
        String other = article + "-b";
        String quiet = article + "-c";
        published("Ann One", "ann1@example.com", "First.", null);
        published("Ann Two", "ann2@example.com", "Second.", null);
        Readers.post(article, Map.of("body", "Held, not counted.", "articleUrl", ArticlePageResource.origin() + "/news/" + article,
                "author", Readers.guest("Hal", "hal@example.com")), null).statusCode(201);
        publishedOn(other, "Bea", "bea@example.com", "Elsewhere.", null);

        browser.get(ArticlePageResource.frontPageUrl(parley(), article, other, quiet));
        List<WebElement> counts = browser.findElements(By.cssSelector("[data-parley-count]"));
        wait.until(d -> counts.stream().noneMatch(c -> c.getText().equals("Comments")));
        assertEquals(List.of("2 comments", "1 comment", "0 comments"), counts.stream().map(WebElement::getText).toList());
        assertEquals(1L, browser.executeScript(
                "return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/counts')).length"),
                "one request for the whole page");
        Browser.screenshot(browser, "comment-counts");
        Readers.as(null).get("/api/v1/counts?articleId=" + article).then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age=30"));
    }

    @Test
    void aReaderLikesAndUnlikesAndBestFirstPutsTheLikedCommentOnTop() {
        long early = published("Ann Early", "ann@example.com", "Early and plain.", null);
        long liked = published("Bob Later", "bob@example.com", "Later and liked.", null);
        for (int i = 0; i < 2; i++) {
            Readers.as(null).post("/api/v1/comments/{id}/likes", liked).then().statusCode(200);
        }
        open();
        assertEquals("oldest", field("#parley-sort").getAttribute("value"), "the site's default order");
        WebElement like = field("#comment-" + early + " .parley-like");
        assertEquals("false", like.getAttribute("aria-pressed"));
        like.click();
        wait.until(d -> "true".equals(field("#comment-" + early + " .parley-like").getAttribute("aria-pressed")));
        assertEquals("\u2665 Liked \u00b7 1", field("#comment-" + early + " .parley-like").getText());

        open(); // the browser keeps the token its like gave it, so the like is still its own
        WebElement again = wait.until(d -> d.findElement(By.cssSelector("#comment-" + early + " .parley-like[aria-pressed=true]")));
        again.click();
        wait.until(d -> "false".equals(field("#comment-" + early + " .parley-like").getAttribute("aria-pressed")));
        assertEquals("\u2661 Like", field("#comment-" + early + " .parley-like").getText());

        new org.openqa.selenium.support.ui.Select(field("#parley-sort")).selectByValue("best");
        wait.until(d -> d.findElements(By.cssSelector(".parley-thread > .parley-comment")).get(0).getAttribute("id").equals("comment-" + liked));
        assertEquals("\u2661 Like \u00b7 2", field("#comment-" + liked + " .parley-like").getText());
        Browser.screenshot(browser, "likes-best-first");
    }

    @Test
    void anEditorsPickIsMarkedPinnedOnTopAndListedInItsOwnTab() {
        published("Ann First", "ann@example.com", "The first word.", null);
        long pick = published("Pat Pick", "pat@example.com", "The comment worth reading.", null);
        Moderators.as(AdminTokens.moderator()).body(Map.of("pinned", true)).post("/admin/v1/comments/{id}/feature", pick).then()
                .statusCode(200);
        open();
        WebElement first = wait.until(d -> d.findElements(By.cssSelector(".parley-thread > .parley-comment")).get(0));
        assertEquals("comment-" + pick, first.getAttribute("id"), "a pinned comment leads the thread");
        assertTrue(first.getText().contains("PINNED") && first.getText().contains("EDITORS\u2019 PICK"), first.getText());
        WebElement tab = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".parley-tab[aria-selected=false]")));
        assertEquals("Editors\u2019 picks (1)", tab.getText());
        Browser.screenshot(browser, "editors-pick");
        tab.click();
        wait.until(d -> d.findElements(By.cssSelector(".parley-thread > .parley-comment")).size() == 1);
        assertFalse(text().contains("The first word."));
        field(".parley-tab").click(); // All comments
        waitForText("The first word.");
    }

    @Test
    void theAuthorEditsAndDeletesWithinTheWindowAndIsRefusedAfterIt() {
        Moderators.settings(Map.of("editWindowSeconds", 8));
        open();
        fillGuest("Ann Reader", "ann@example.com", "");
        field("#parley-body").sendKeys("Teh first draft.");
        submit();
        WebElement countdown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".parley-countdown")));
        assertTrue(countdown.getText().matches("\\(you can edit this for 0:0[0-8]\\)"), countdown.getText());
        Browser.screenshot(browser, "edit-countdown");

        field(".parley-edit").click();
        WebElement area = field(".parley-edit-body");
        assertEquals("Teh first draft.", area.getAttribute("value"), "the text as typed, to correct");
        area.clear();
        area.sendKeys("The first draft, corrected.");
        field(".parley-edit-form .parley-submit").click();
        waitForText("The first draft, corrected.");
        assertTrue(field(".parley-thread .parley-edited").getText().contains("(edited)"));

        field(".parley-delete").click();
        field(".parley-confirm-delete").click();
        wait.until(d -> d.findElements(By.cssSelector(".parley-thread > .parley-comment")).isEmpty());
        waitForText("Your comment was deleted.");

        field("#parley-body").sendKeys("Second thoughts.");
        submit();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".parley-edit"))).click();
        // the window closes with the edit form still open: the buttons go, and saving is refused
        wait.until(d -> d.findElements(By.cssSelector(".parley-thread .parley-edit, .parley-thread .parley-delete")).isEmpty());
        WebElement late = field(".parley-edit-body");
        late.sendKeys(" Too late?");
        field(".parley-edit-form .parley-submit").click();
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".parley-edit-form .parley-error")));
        wait.until(d -> refused.getText().startsWith("Too late to edit"));
    }

    @Test
    void aReaderReportsACommentOnceWithAReasonAndANote() {
        long id = published("Rude Person", "rude@example.com", "Something rude.", null);
        open();
        field("#comment-" + id + " .parley-report").click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.parley-dialog")));
        assertEquals(List.of("Offensive", "Abusive or harassing", "Spam", "Something else"),
                dialog.findElements(By.cssSelector(".parley-choice")).stream().map(WebElement::getText).toList());
        dialog.findElement(By.cssSelector("input[value=abusive]")).click();
        dialog.findElement(By.id("parley-report-note")).sendKeys("Insults another reader.");
        Browser.screenshot(browser, "report-dialog");
        dialog.findElement(By.cssSelector(".parley-submit")).click();
        assertEquals("Thank you for your report. A moderator will look at this comment.",
                wait.until(d -> d.findElement(By.cssSelector(".parley-report-thanks"))).getText());
        dialog.findElement(By.cssSelector(".parley-submit")).click(); // Close
        wait.until(d -> d.findElements(By.cssSelector("dialog.parley-dialog")).isEmpty());
        WebElement reported = field("#comment-" + id + " .parley-report");
        assertEquals("Reported", reported.getText());
        assertFalse(reported.isEnabled(), "a reader reports a comment once");
        assertTrue(text().contains("Something rude."), "reporting hides nothing");
        Moderators.as(AdminTokens.moderator()).get("/admin/v1/comments/{id}", id).then().statusCode(200)
                .body("flags", org.hamcrest.Matchers.equalTo(1));
        open();
        assertEquals("Reported", field("#comment-" + id + " .parley-report").getText());
    }

    @Test
    void aPermalinkOpensThePageThatHoldsTheCommentManyPagesDeep() {
        long target = 0;
        for (int i = 0; i < 45; i++) {
            long root = published("Reader " + i, "r" + i + "@example.com", "Thread number " + i + ".", null);
            if (i == 41) {
                target = published("Deep Replier", "deep@example.com", "The reply a friend linked to.", root);
            }
        }
        browser.get("about:blank");
        browser.get(ArticlePageResource.articleUrl(parley(), article) + "#comment-" + target);
        String id = "comment-" + target;
        WebElement linked = wait.until(d -> d.findElement(By.cssSelector("#" + id + ".parley-highlight")));
        assertTrue(linked.getText().contains("The reply a friend linked to."));
        assertTrue(field(".parley-linked").isDisplayed());
        assertEquals(Boolean.TRUE, browser.executeScript(
                "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", linked),
                "scrolled into view");
        assertFalse(text().contains("Thread number 0."), "only the page that holds it is loaded");
        Browser.screenshot(browser, "permalink-deep");
        field(".parley-linked .parley-link").click();
        waitForText("Thread number 0.");
    }

    @Test
    void aGuestErasesWhatTheyWroteThroughALinkMailedToThem() throws InterruptedException {
        published("Hal Guest", "hal@example.com", "Take this back, please.", null);
        open();
        field(".parley-privacy .parley-my-data").click();
        WebElement email = field("#parley-data-email");
        email.clear();
        email.sendKeys("hal@example.com");
        field(".parley-request-erasure").click();
        wait.until(d -> field(".parley-data-result").getText().startsWith("A link is on its way to hal@example.com"));
        Browser.screenshot(browser, "your-data");

        String link = io.parley.testing.Mailbox.await("hal@example.com", Duration.ofSeconds(10)).link("/privacy");
        browser.get(parley() + link.replaceFirst("^https?://[^/]+", ""));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Erase your data?"));
        browser.findElement(By.cssSelector("form button")).click();
        // the page is replaced while it is read: its old heading may vanish between finding and reading it
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.findElement(By.tagName("h1")).getText().equals("Your data was erased"));
        browser.get(ArticlePageResource.articleUrl(parley(), article));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".parley-count"), "comment"));
        assertFalse(text().contains("Take this back, please."));
    }

    /** A comment by a new guest, approved by a moderator (an answer to {@code parentId} if given). */
    private long published(String name, String email, String text, Long parentId) {
        return publishedOn(article, name, email, text, parentId);
    }

    private long publishedOn(String articleId, String name, String email, String text, Long parentId) {
        Map<String, Object> body = new HashMap<>(Map.of("body", text, "articleUrl", ArticlePageResource.origin() + "/news/" + articleId,
                "author", Readers.guest(name, email)));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        long id = Readers.as(null).body(body).post("/api/v1/articles/{id}/comments", articleId).then().statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo("pending")).extract().jsonPath().getLong("id");
        Moderators.decide(AdminTokens.moderator(), id, "approve").statusCode(200);
        return id;
    }

    private void fillGuest(String name, String email, String website) {
        for (Map.Entry<String, String> entry : Map.of("#parley-name", name, "#parley-email", email, "#parley-website", website).entrySet()) {
            field(entry.getKey()).clear();
            field(entry.getKey()).sendKeys(entry.getValue());
        }
    }

    private WebElement field(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private void submit() {
        browser.findElement(By.cssSelector(".parley-submit")).click();
    }

    private String text() {
        return browser.findElement(By.id("parley-comments")).getText();
    }

    private void waitForText(String expected) {
        wait.until(d -> text().contains(expected));
    }
}
