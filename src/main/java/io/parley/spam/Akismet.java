package io.parley.spam;

import io.parley.comment.Comment;
import io.parley.common.ParleyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Akismet, when the newsroom has an API key: asked about every new comment, told about moderators'
 * spam and approve decisions. It is advice, never a dependency: a slow, failing or refusing Akismet
 * leaves the decision to Parley's own rules and filter.
 */
@ApplicationScoped
public class Akismet {

    private static final Logger LOG = Logger.getLogger(Akismet.class);

    /** A moderator's decision to report, with the comment as it was when decided. */
    public record Feedback(MultivaluedMap<String, String> form, boolean spam) {
    }

    private final ParleyConfig config;
    private final AkismetApi api;
    private final ManagedExecutor executor;

    Akismet(ParleyConfig config, @RestClient AkismetApi api, ManagedExecutor executor) {
        this.config = config;
        this.api = api;
        this.executor = executor;
    }

    public boolean enabled() {
        return config.akismet().apiKey().filter(k -> !k.isBlank()).isPresent();
    }

    /** Akismet's opinion on {@code comment}; empty when Akismet is off, slow, failing or refusing the request. */
    public Optional<Boolean> isSpam(Comment comment, String permalink) {
        if (!enabled()) {
            return Optional.empty();
        }
        try (Response response = api.commentCheck(form(comment, permalink))) {
            String answer = response.readEntity(String.class).strip();
            if (answer.equals("true") || answer.equals("false")) {
                return Optional.of(answer.equals("true"));
            }
            LOG.warnf("Akismet refused comment-check: %s %s", answer, response.getHeaderString("X-akismet-debug-help"));
        } catch (RuntimeException e) {
            LOG.warnf("Akismet unavailable, using the local filter only: %s", e.getMessage());
        }
        return Optional.empty();
    }

    /** What to tell Akismet about a moderator's decision, captured while the comment still has its text. */
    public Optional<Feedback> feedback(Comment comment, String permalink, boolean spam) {
        return enabled() && comment.body != null ? Optional.of(new Feedback(form(comment, permalink), spam)) : Optional.empty();
    }

    /** Sent only once the decision is committed, off the request thread. */
    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) Feedback feedback) {
        executor.runAsync(() -> {
            try (Response ignored = feedback.spam() ? api.submitSpam(feedback.form()) : api.submitHam(feedback.form())) {
                LOG.debugf("Akismet told: %s", feedback.spam() ? "spam" : "ham");
            } catch (RuntimeException e) {
                LOG.warnf("Could not tell Akismet about a decision: %s", e.getMessage());
            }
        });
    }

    /** The fields Akismet documents for comment-check, submit-spam and submit-ham. */
    private MultivaluedMap<String, String> form(Comment comment, String permalink) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.add("api_key", config.akismet().apiKey().orElse(""));
        form.add("blog", config.akismet().blog().orElse(origin(permalink)));
        put(form, "user_ip", comment.authorIp == null ? null : comment.authorIp.getHostAddress());
        put(form, "user_agent", comment.userAgent);
        put(form, "permalink", permalink);
        form.add("comment_type", comment.parentId == null ? "comment" : "reply");
        put(form, "comment_author", comment.authorName);
        put(form, "comment_author_email", comment.authorEmail);
        put(form, "comment_author_url", comment.authorWebsite);
        put(form, "comment_content", comment.body);
        put(form, "comment_date_gmt", comment.createdAt == null ? null : DateTimeFormatter.ISO_INSTANT.format(comment.createdAt));
        form.add("blog_charset", "UTF-8");
        if (config.akismet().test()) {
            form.add("is_test", "1");
        }
        return form;
    }

    private static void put(MultivaluedMap<String, String> form, String name, String value) {
        if (value != null) {
            form.add(name, value);
        }
    }

    private static String origin(String url) {
        if (url == null) {
            return "";
        }
        int slash = url.indexOf('/', url.indexOf("//") + 2);
        return slash < 0 ? url : url.substring(0, slash);
    }
}
