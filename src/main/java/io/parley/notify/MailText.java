package io.parley.notify;

import java.time.Duration;

/** How mails speak of comments and time. */
final class MailText {

    /** Characters of a comment a mail quotes. */
    static final int EXCERPT = 300;

    private MailText() {
    }

    /** "3 hours", "12 minutes": how long a comment has waited. */
    static String waited(Duration waited) {
        if (waited.toDays() >= 2) {
            return waited.toDays() + " days";
        }
        if (waited.toHours() >= 2) {
            return waited.toHours() + " hours";
        }
        long minutes = Math.max(1, waited.toMinutes());
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
