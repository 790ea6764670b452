package io.parley.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the test SMTP server received, read as a reader's mailbox would show it. */
public final class Mailbox {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

    private Mailbox() {
    }

    /** One received mail: its headers, its text and HTML parts, and the links in its text. */
    public record Mail(String to, String subject, MimeMessage message, String text, String html) {

        public String header(String name) {
            try {
                String[] values = message.getHeader(name);
                return values == null ? null : values[0];
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        public List<String> links() {
            List<String> links = new ArrayList<>();
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                links.add(m.group());
            }
            return links;
        }

        /** The first link whose path starts with {@code path}. */
        public String link(String path) {
            return links().stream().filter(l -> l.replaceFirst("^https?://[^/]+", "").startsWith(path)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + path + " link in: " + text));
        }
    }

    public static List<Mail> all() {
        return Arrays.stream(MailServerResource.server().getReceivedMessages()).map(Mailbox::read).toList();
    }

    public static List<Mail> to(String address) {
        return all().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    /** Waits for a mail to {@code address} matching {@code what}. */
    public static Mail await(String address, Predicate<Mail> what, Duration patience) throws InterruptedException {
        return await(address, what, 1, patience).get(0);
    }

    /** Waits for {@code count} mails to {@code address} matching {@code what}. */
    public static List<Mail> await(String address, Predicate<Mail> what, int count, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            List<Mail> found = to(address).stream().filter(what).toList();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not " + count + " such mails to " + address + " within " + patience + "; received: "
                + all().stream().map(m -> m.to() + ": " + m.subject()).toList());
    }

    public static Mail await(String address, Duration patience) throws InterruptedException {
        return await(address, m -> true, patience);
    }

    private static Mail read(MimeMessage message) {
        try {
            String text = null;
            String html = null;
            Object content = message.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        text = (String) part.getContent();
                    } else if (part.isMimeType("text/html")) {
                        html = (String) part.getContent();
                    }
                }
            } else {
                text = String.valueOf(content);
            }
            return new Mail(message.getAllRecipients()[0].toString(), message.getSubject(), message, text, html);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
