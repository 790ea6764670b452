package io.parley.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.testing.AdminTokens;
import io.parley.testing.Browser;
import io.parley.testing.Moderators;
import io.parley.testing.NewsroomIdp;
import io.parley.testing.NewsroomIdpResource;
import io.parley.testing.Readers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console as a moderator uses it, in a real Chromium: signing in through the newsroom's
 * provider, then working the queue with the keyboard; every decision is checked through the admin API.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static ChromeDriver browser;
    private WebDriverWait wait;

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
    void signedOut() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        browser.manage().deleteAllCookies();
        Moderators.settings(Map.of("approvedCommentsToTrust", 1, "suspectWords", List.of("scam*")));
    }

    private static String parley() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private void signInAs(NewsroomIdp.Person person) {
        NewsroomIdpResource.idp().signInAs(person);
        browser.get(parley() + "/admin/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-action=sign-in]"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-queue]")));
    }

    private long held(String article, String text, String email) {
        return Readers.post(article, Readers.comment(article, text, Readers.guest("Reader " + email, email)), null)
                .statusCode(201).extract().<Number>path("id").longValue();
    }

    private static String status(long id) {
        return given().header("Authorization", "Bearer " + AdminTokens.moderator()).get("/admin/v1/comments/{id}", id)
                .then().statusCode(200).extract().path("status");
    }

    private void press(CharSequence keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private WebElement card(long id) {
        return browser.findElement(By.cssSelector("[data-comment-id='" + id + "']"));
    }

    private void waitForStatus(long id, String status) {
        wait.until(d -> status.equals(card(id).getAttribute("data-status")));
        assertEquals(status, status(id));
    }

    @Test
    void aModeratorWorksTheQueueWithTheKeyboard() {
        long first = held("k1", "First, a fair point about the budget.", "one@example.com");
        long second = held("k1", "This is a scam and you all know it.", "two@example.com");
        long third = held("k1", "Third thoughts on the matter.", "three@example.com");
        signInAs(NewsroomIdp.MODERATOR);

        assertTrue(browser.getPageSource().contains("Mo Derator"));
        assertEquals("3", browser.findElement(By.cssSelector("[data-count=pending]")).getText());
        WebElement focused = browser.findElement(By.cssSelector(".card.focused"));
        assertEquals(String.valueOf(first), focused.getAttribute("data-comment-id"));
        assertTrue(card(first).getText().contains("First comment by this author"));
        assertEquals("scam", card(second).findElement(By.cssSelector("[data-body] mark")).getText(), "the suspect word is highlighted");
        Browser.screenshot(browser, "console-queue");

        press("a");
        waitForStatus(first, "approved");
        press("j");
        wait.until(d -> card(second).getAttribute("class").contains("focused"));
        Browser.screenshot(browser, "console-card-reasons");
        press("s");
        waitForStatus(second, "spam");
        press("u");
        waitForStatus(second, "pending");
        press("r");
        waitForStatus(second, "rejected");
        press("j");
        press("a");
        waitForStatus(third, "approved");

        given().header("Authorization", "Bearer " + AdminTokens.moderator()).get("/admin/v1/audit?commentId=" + second).then()
                .statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(4)) // held, spam, undo, reject
                .body("items.actor", org.hamcrest.Matchers.hasItem(NewsroomIdp.MODERATOR.subject()));
        assertTrue(card(first).getAttribute("class").contains("decided"), "decided cards stay in place, marked");
        assertEquals(3, browser.findElements(By.cssSelector(".card")).size());
    }

    @Test
    void anEditorFeaturesAndPinsAPublishedCommentAndStopsFeaturingIt() {
        long id = held("p1", "The comment of the day.", "pick@example.com");
        given().header("Authorization", "Bearer " + AdminTokens.moderator()).contentType("application/json")
                .body("{\"action\":\"approve\"}").post("/admin/v1/comments/{id}/decisions", id).then().statusCode(200);
        signInAs(NewsroomIdp.MODERATOR);
        browser.get(parley() + "/admin/?tab=approved");
        wait.until(d -> card(id)).findElement(By.cssSelector("[data-pin]")).click();
        wait.until(d -> card(id).findElement(By.cssSelector("[data-pick-label]")).getText().equals("editors\u2019 pick, pinned"));
        given().get("/api/v1/articles/p1/picks").then().statusCode(200).body("comments[0].id", org.hamcrest.Matchers.equalTo((int) id))
                .body("comments[0].pinned", org.hamcrest.Matchers.equalTo(true));
        Browser.screenshot(browser, "console-editors-pick");

        card(id).click();
        press("f");
        wait.until(d -> card(id).findElement(By.cssSelector("[data-pick-label]")).getText().isEmpty());
        assertEquals("Feature", card(id).findElement(By.cssSelector("[data-feature]")).getText());
        given().header("Authorization", "Bearer " + AdminTokens.moderator()).get("/admin/v1/comments/{id}", id).then()
                .body("featured", org.hamcrest.Matchers.equalTo(false)).body("pinned", org.hamcrest.Matchers.equalTo(false));
    }

    @Test
    void selectedCommentsAreDecidedTogether() {
        long a = held("b1", "Bulk one.", "b1@example.com");
        long b = held("b1", "Bulk two.", "b2@example.com");
        long c = held("b1", "Bulk three.", "b3@example.com");
        signInAs(NewsroomIdp.MODERATOR);
        press("x");
        press("j");
        press("j");
        press("X");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-bulkbar]")));
        assertEquals("3", browser.findElement(By.cssSelector("[data-selected-count]")).getText());
        browser.findElement(By.cssSelector("[data-bulk=reject]")).click();
        for (long id : List.of(a, b, c)) {
            waitForStatus(id, "rejected");
        }
    }

    @Test
    void aDecisionThatLostTheRaceSaysWhoDecided() {
        long id = held("r1", "Contested comment.", "race@example.com");
        signInAs(NewsroomIdp.MODERATOR);
        ChromeDriver other = Browser.start(); // a second moderator, in a browser of their own
        try {
            NewsroomIdpResource.idp().signInAs(NewsroomIdp.ADMIN);
            other.get(parley() + "/admin/");
            WebDriverWait otherWait = new WebDriverWait(other, Duration.ofSeconds(10));
            otherWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-action=sign-in]"))).click();
            otherWait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-queue]")));
            new Actions(other).sendKeys("r").perform();
            otherWait.until(d -> "rejected".equals(d.findElement(By.cssSelector("[data-comment-id='" + id + "']"))
                    .getAttribute("data-status")));
        } finally {
            other.quit();
        }
        press("a");
        wait.until(d -> card(id).getAttribute("class").contains("conflict"));
        wait.until(d -> card(id).findElement(By.cssSelector("[data-outcome]")).getText().contains(NewsroomIdp.ADMIN.subject()));
        assertEquals("rejected", status(id), "the other moderator's decision stands");
        Browser.screenshot(browser, "console-race");
    }

    @Test
    void questionMarkShowsTheKeys() {
        held("h1", "Anything.", "help@example.com");
        signInAs(NewsroomIdp.MODERATOR);
        press("?");
        WebElement help = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-help]")));
        for (String key : List.of("j / k", "approve", "reject", "spam", "undo", "select", "search")) {
            assertTrue(help.getText().contains(key), key);
        }
    }

    @Test
    void anAdminBansAnAuthorAndRejectsTheirPendingComments() {
        long first = held("ban1", "Spam, spam, spam.", "spammer@example.com");
        long second = held("ban1", "More of the same.", "spammer@example.com");
        held("ban1", "An honest reader.", "honest@example.com");
        signInAs(NewsroomIdp.ADMIN);
        card(first).findElement(By.cssSelector("[data-open=author]")).click();
        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-author-panel]")));
        wait.until(d -> panel.getText().contains("pending"));
        browser.findElement(By.cssSelector("[data-note-text]")).sendKeys("Posts the same advert everywhere.");
        browser.findElement(By.cssSelector("[data-add-note]")).click();
        wait.until(d -> browser.findElement(By.cssSelector("[data-notes]")).getText().contains("Posts the same advert"));
        Browser.screenshot(browser, "console-author-panel");
        browser.findElement(By.cssSelector("[data-panel] form[method=dialog] button")).click();

        browser.findElement(By.cssSelector("body")).click();
        press("b");
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-ban-form]")));
        assertTrue(form.getText().contains("Also reject their 1 pending comment"), form.getText());
        form.findElement(By.cssSelector("input[value^='email:']")).click();
        form.findElement(By.cssSelector("[data-confirm-ban]")).click();
        wait.until(d -> form.findElement(By.cssSelector("[data-ban-result]")).getText().contains("Banned"));
        assertEquals("rejected", status(first));
        given().header("Authorization", "Bearer " + AdminTokens.admin()).get("/admin/v1/bans").then().statusCode(200)
                .body("value", org.hamcrest.Matchers.hasItem("spammer@example.com"));
        Readers.post("ban1", Readers.comment("ban1", "Back again.", Readers.guest("Spammer", "spammer@example.com")), null)
                .statusCode(403);
        assertEquals("pending", status(second), "a guest's other browser is another commenter: only the email ban stops them");
    }

    @Test
    void anAdminTriesNewRulesBeforeSavingThem() {
        Moderators.settings(Map.of("approvedCommentsToTrust", 0, "suspectWords", List.of()));
        Readers.postAsGuest("rules1", "The budget is a disgrace.");
        Readers.post("rules1", Readers.comment("rules1", "Lovely weather.", Readers.guest("Bo", "bo@example.com")), null).statusCode(201);
        signInAs(NewsroomIdp.ADMIN);
        browser.get(parley() + "/admin/rules");
        WebElement suspect = wait.until(ExpectedConditions.presenceOfElementLocated(By.name("suspectWords")));
        suspect.sendKeys("disgrace");
        browser.findElement(By.cssSelector("[data-preview]")).click();
        WebElement dryRun = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-dry-run]")));
        wait.until(d -> dryRun.getText().contains("1 of the last 2 comments"));
        assertEquals("1", dryRun.findElement(By.cssSelector("[data-row=proposed] td:nth-of-type(2)")).getText(), "held");
        assertTrue(dryRun.getText().contains("disgrace"));
        Browser.screenshot(browser, "console-dry-run");
        given().header("Authorization", "Bearer " + AdminTokens.admin()).get("/admin/v1/settings").then()
                .body("suspectWords", org.hamcrest.Matchers.empty());
        browser.findElement(By.cssSelector("[data-save]")).click();
        wait.until(d -> d.findElement(By.cssSelector("[data-settings-result]")).getText().startsWith("Saved"));
        given().header("Authorization", "Bearer " + AdminTokens.admin()).get("/admin/v1/settings").then()
                .body("suspectWords", org.hamcrest.Matchers.contains("disgrace"));
    }

    @Test
    void anAdminImportsAWordPressExportAndWatchesItsProgress() throws Exception {
        StringBuilder comments = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            comments.append(io.parley.portability.ImportFixtures.comment(i, i > 1 && i % 3 == 0 ? i - 1 : 0, "2024-05-01 10:00:00"));
        }
        java.nio.file.Path file = java.nio.file.Files.createTempFile("wordpress", ".xml");
        java.nio.file.Files.writeString(file, io.parley.portability.ImportFixtures.wxr("7", "Harbour news", comments.toString()));
        signInAs(NewsroomIdp.ADMIN);
        browser.get(parley() + "/admin/imports");
        browser.findElement(By.cssSelector("[data-import-file]")).sendKeys(file.toString());
        browser.findElement(By.cssSelector("[data-import-learn-spam]")).click();
        browser.findElement(By.cssSelector("[data-import-start]")).click();
        WebElement status = browser.findElement(By.cssSelector("[data-import-status]"));
        wait.until(d -> status.getText().contains(": done."));
        assertTrue(status.getText().contains("30 read, 30 imported"), status.getText());
        assertTrue(status.getText().contains("30 learnt by the spam filter"), status.getText());
        assertEquals("1", browser.findElement(By.cssSelector("[data-import-progress]")).getAttribute("value"));
        Browser.screenshot(browser, "console-import");
        given().get("/api/v1/articles/7/comments").then().body("total", org.hamcrest.Matchers.equalTo(30));
        browser.navigate().refresh();
        assertTrue(browser.findElement(By.cssSelector("[data-import-jobs] tbody tr")).getText().contains("done"));
        browser.get(parley() + "/admin/");
        assertTrue(browser.findElement(By.cssSelector("nav.pages")).getText().contains("Imports"));
        java.nio.file.Files.deleteIfExists(file);
    }

    @Test
    void theStatsPageDrawsTheQueueAndTheDecisions() {
        long id = held("s1", "To be decided.", "stats@example.com");
        held("s1", "Still waiting.", "stats2@example.com");
        signInAs(NewsroomIdp.MODERATOR);
        press("a");
        waitForStatus(id, "approved");
        browser.get(parley() + "/admin/stats");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-stats]")));
        for (String chart : List.of("queue", "decisions", "wait")) {
            assertEquals(1, browser.findElements(By.cssSelector("[data-chart=" + chart + "] svg")).size(), chart);
        }
        assertTrue(browser.findElement(By.cssSelector("[data-chart=decisions]")).getText().contains(NewsroomIdp.MODERATOR.subject()));
        Browser.screenshot(browser, "console-stats");
    }
}
