package io.parley.live;

import io.parley.article.ArticleService;
import io.parley.common.error.ProblemException;
import io.parley.common.web.ClientInfo;
import io.parley.moderation.rules.ModerationRules;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

/** Opens the streams the resources answer with: an article's for its readers, the queue's for moderators. */
@ApplicationScoped
class LiveStreams {

    private final LiveHub hub;
    private final ArticleService articles;
    private final ModerationRules rules;

    LiveStreams(LiveHub hub, ArticleService articles, ModerationRules rules) {
        this.hub = hub;
        this.articles = articles;
        this.rules = rules;
    }

    /** A closed article's thread no longer changes for readers: it has no stream. */
    boolean isClosed(String articleId) {
        return articles.isClosed(articleId, rules.current().values().closeAfterDays());
    }

    void openThread(String articleId, String lastEventId, SseEventSink sink, Sse sse, HttpServerRequest request) {
        if (isClosed(articleId)) {
            throw ProblemException.forbidden("Comments are closed", "This article no longer accepts comments, so it has no live updates.");
        }
        open(articleId, lastEventId, sink, sse, request);
    }

    void openQueue(String lastEventId, SseEventSink sink, Sse sse, HttpServerRequest request) {
        open(null, lastEventId, sink, sse, request);
    }

    private void open(String articleId, String lastEventId, SseEventSink sink, Sse sse, HttpServerRequest request) {
        HttpServerResponse response = request.response();
        // never cached, never held back by a proxy on the way
        response.putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        Subscriber subscriber = new SinkSubscriber(articleId, ClientInfo.of(request).ip(), sink, sse, response);
        hub.admit(subscriber);
        hub.join(subscriber, lastEventId);
        // told when the stream ends, whoever ends it: a broadcaster of one is how JAX-RS says so
        SseBroadcaster ending = sse.newBroadcaster();
        ending.onClose(closed -> hub.unsubscribe(subscriber));
        ending.register(sink);
        if (!subscriber.open()) {
            hub.unsubscribe(subscriber);
        }
    }
}
