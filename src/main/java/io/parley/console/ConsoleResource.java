package io.parley.console;

import io.parley.article.ArticleService;
import io.parley.common.web.QueryParams;
import io.parley.common.paging.Keyset;
import io.parley.moderation.Actor;
import io.parley.moderation.AuditPage;
import io.parley.moderation.BulkResult;
import io.parley.moderation.Decision;
import io.parley.moderation.ModerationService;
import io.parley.moderation.ModerationQueue;
import io.parley.moderation.ModerationStats;
import io.parley.moderation.QueueSearch;
import io.parley.moderation.StatsSeries;
import io.parley.moderation.ban.Bans;
import io.parley.moderation.rules.ModerationRules;
import io.parley.moderation.rules.ModerationSettings;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The console's screens, rendered on the server: the queue at {@code /admin/}. The page's script
 * adds the keyboard, decisions (through the admin API, with the session's CSRF token), claims and
 * live counts.
 */
@Path("/admin")
@RolesAllowed({"moderator", "admin"})
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    static final int PAGE_SIZE = 25;
    static final int BULK_LIMIT = 10_000;
    /** The reasons the pipeline and moderators give, for the reason filter. */
    static final List<String> REASON_CODES = List.of("MANUAL_APPROVAL", "PRE_MODERATION", "FIRST_COMMENT", "TOO_MANY_LINKS",
            "SPAM_SCORE", "AKISMET", "SUSPECT_WORD", "MODERATION_KEY", "DISALLOWED_KEY", "REPORTED", "MODERATOR");

    private final ConsoleQueue queue;
    private final StatsSeries statsSeries;
    private final ModerationStats stats;
    private final ModerationQueue moderationQueue;
    private final QueueSearch search;
    private final ModerationService moderation;
    private final ModerationRules rules;
    private final Bans bans;
    private final ArticleService articles;
    private final SecurityIdentity identity;

    private final io.parley.portability.ImportJobs imports;

    ConsoleResource(ConsoleQueue queue, StatsSeries statsSeries, ModerationStats stats, ModerationQueue moderationQueue,
            QueueSearch search, ModerationService moderation, ModerationRules rules, Bans bans, ArticleService articles,
            io.parley.portability.ImportJobs imports, SecurityIdentity identity) {
        this.imports = imports;
        this.queue = queue;
        this.search = search;
        this.moderation = moderation;
        this.moderationQueue = moderationQueue;
        this.statsSeries = statsSeries;
        this.stats = stats;
        this.rules = rules;
        this.bans = bans;
        this.articles = articles;
        this.identity = identity;
    }

    /** What the moderator is looking at; the same parameters narrow the live counts. */
    public record View(String tab, String article, String author, String reason, String q, String min, String max, String sort) {

        QueueSearch.Filter filter() {
            return new QueueSearch.Filter(QueryParams.optionalEnum("tab", tab, QueueSearch.Tab.class), blankToNull(article),
                    QueryParams.optionalId("author", blankToNull(author)), blankToNull(reason),
                    score("min", min), score("max", max), blankToNull(q), QueryParams.optionalEnum("sort", sort, QueueSearch.Sort.class));
        }

        private static Double score(String name, String value) {
            String text = blankToNull(value);
            try {
                return text == null ? null : Double.valueOf(text);
            } catch (NumberFormatException e) {
                throw Keyset.badParameter(name, "must be a number from 0 to 1");
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    @GET
    @Path("/")
    public TemplateInstance queue(@QueryParam("tab") String tab, @QueryParam("article") String article,
            @QueryParam("author") String author, @QueryParam("reason") String reason, @QueryParam("q") String q,
            @QueryParam("min") String min, @QueryParam("max") String max, @QueryParam("sort") String sort,
            @QueryParam("cursor") String cursor) {
        View view = new View(tab, article, author, reason, q, min, max, sort);
        ConsoleQueue.Page page = queue.page(view.filter(), PAGE_SIZE, cursor);
        return ConsoleTemplates.queue(page, view, REASON_CODES, Actor.displayName(identity), identity.hasRole("admin"), csrfToken());
    }

    /** The page's token for changes; a bearer-token caller (no console session) makes none from a page. */
    private String csrfToken() {
        ConsoleSession session = identity.getAttribute(ConsoleIdentityProvider.SESSION_ATTRIBUTE);
        return session == null ? "" : session.csrfToken;
    }

    /** Charts of the queue, decisions and waiting times over 24 hours or 7 days. */
    @GET
    @Path("/stats")
    public TemplateInstance stats(@QueryParam("period") String period) {
        boolean week = "7d".equals(period);
        StatsSeries.Series series = statsSeries.over(week ? Duration.ofDays(7) : Duration.ofDays(1));
        List<StatsSeries.Point> medians = series.timeToDecision().stream().map(w -> new StatsSeries.Point(w.at(), w.median() / 60)).toList();
        List<StatsSeries.Point> p90s = series.timeToDecision().stream().map(w -> new StatsSeries.Point(w.at(), w.p90() / 60)).toList();
        return ConsoleTemplates.stats(week ? "7d" : "24h", stats.stats(),
                SvgCharts.line("Queue size", series.from(), series.to(), List.of(series.queueSize()), List.of("pending"), "held"),
                SvgCharts.stacked("Decisions per hour by moderator", series.from(), series.to(), series.decisionsByModerator()),
                SvgCharts.line("Time to first decision", series.from(), series.to(), List.of(medians, p90s),
                        List.of("median", "90th percentile"), "min"),
                Actor.displayName(identity), identity.hasRole("admin"), csrfToken());
    }

    /** A decision for every comment the view matches (at most {@link #BULK_LIMIT}), after the moderator confirmed the count. */
    public record BulkAll(@NotNull Decision.Action action, @Size(max = 1000) String reason) {
    }

    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public BulkResult bulk(@QueryParam("tab") String tab, @QueryParam("article") String article,
            @QueryParam("author") String author, @QueryParam("reason") String reason, @QueryParam("q") String q,
            @QueryParam("min") String min, @QueryParam("max") String max, @Valid @NotNull BulkAll request) {
        List<Long> ids = search.ids(new View(tab, article, author, reason, q, min, max, null).filter(), BULK_LIMIT);
        return moderation.decideEach(ids, request.action(), request.reason(), Actor.moderator(identity));
    }

    /** Every status change, newest first, narrowed by who, which comment and since when. */
    @GET
    @Path("/audit")
    public TemplateInstance audit(@QueryParam("actor") String actor, @QueryParam("commentId") String commentId,
            @QueryParam("since") String since, @QueryParam("cursor") String cursor) {
        String who = actor == null || actor.isBlank() ? null : actor.strip();
        Long comment = QueryParams.optionalId("commentId", commentId == null || commentId.isBlank() ? null : commentId);
        Instant from = since == null || since.isBlank() ? null : QueryParams.optionalInstant("since", since.strip() + "T00:00:00Z");
        AuditPage page = moderationQueue.audit(who, comment, from, null, 50, Keyset.fromCursor(cursor));
        return ConsoleTemplates.audit(page, who, commentId, since, Actor.displayName(identity), identity.hasRole("admin"), csrfToken());
    }

    /** Admins: the settings as a form (with a dry run before saving), bans, and articles. */
    @GET
    @Path("/rules")
    @RolesAllowed("admin")
    public TemplateInstance rules() {
        ModerationSettings settings = rules.current().values();
        Map<String, String> lists = Map.of("bannedWords", String.join("\n", settings.bannedWords()),
                "suspectWords", String.join("\n", settings.suspectWords()),
                "moderationKeys", String.join("\n", settings.moderationKeys()),
                "disallowedKeys", String.join("\n", settings.disallowedKeys()));
        return ConsoleTemplates.rules(settings, lists, bans.list(), articles.recent(50), Actor.displayName(identity), true, csrfToken());
    }

    /** Admins: bring a WordPress or Disqus export in, and follow the import's progress. */
    @GET
    @Path("/imports")
    @RolesAllowed("admin")
    public TemplateInstance imports() {
        return ConsoleTemplates.imports(imports.recent(10), Actor.displayName(identity), true, csrfToken());
    }

    /** The tabs' counts for the same view, polled by the page (live counts). */
    @GET
    @Path("/counts")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ConsoleQueue.TabCount> counts(@QueryParam("tab") String tab, @QueryParam("article") String article,
            @QueryParam("author") String author, @QueryParam("reason") String reason, @QueryParam("q") String q,
            @QueryParam("min") String min, @QueryParam("max") String max, @QueryParam("sort") String sort) {
        return queue.tabs(new View(tab, article, author, reason, q, min, max, sort).filter());
    }

    /** Not signed in (or the session ended): the sign-in page. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    Response signIn() {
        return Response.seeOther(URI.create(ConsoleTenant.LOGIN_PATH)).header("Cache-Control", "no-store").build();
    }

    /** Signed in, but without a console role (a JWT of another group, say). */
    @ServerExceptionMapper
    Response notAllowed(ForbiddenException e) {
        return Response.status(403).entity(ConsoleTemplates.login("Your account is not allowed to moderate.", false, false)).build();
    }
}
