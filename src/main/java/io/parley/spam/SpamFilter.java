package io.parley.spam;

import io.parley.comment.Comment;
import io.parley.common.db.RoundTrip;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Bayesian spam filter (Graham and Robinson's, as in SpamBayes) over {@link SpamFeatures}, learning online from moderators' decisions
 * ({@code spam} teaches spam, {@code approve} teaches ham). The counts live in PostgreSQL, so every
 * replica scores with the same model. Scores stay null until the filter has seen enough of both kinds.
 */
@ApplicationScoped
public class SpamFilter {

    static final int MIN_DOCS_PER_CLASS = 5;
    private static final double MAX_LOG_ODDS = 30;
    private static final double NEUTRAL = 0.5;
    private static final double STRENGTH = 1.0;
    private static final int MOST_TELLING = 20;

    private final EntityManager em;

    SpamFilter(EntityManager em) {
        this.em = em;
    }

    /**
     * The spam probability of each feature set, in order (null while the filter knows too little):
     * one round trip for the corpus and the tokens of all of them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Double> scores(List<Set<String>> featureSets) {
        Scoring scoring = scoring(featureSets);
        RoundTrip.run(em, scoring.queries());
        return scoring.scores();
    }

    /** What scoring {@code featureSets} reads, for a caller that runs it along with other queries and then asks for the {@link Scoring#scores}. */
    public Scoring scoring(List<Set<String>> featureSets) {
        Set<String> all = new HashSet<>();
        featureSets.forEach(all::addAll);
        return new Scoring(featureSets, RoundTrip.query("select spam_docs, ham_docs from spam_corpus where id = 1", rows -> {
            rows.next();
            return new int[] {rows.getInt(1), rows.getInt(2)};
        }), RoundTrip.query("select token, spam, ham from spam_token where token = any(cast(? as text[]))", rows -> {
            Map<String, int[]> counts = new HashMap<>();
            while (rows.next()) {
                counts.put(rows.getString(1), new int[] {rows.getInt(2), rows.getInt(3)});
            }
            return counts;
        }).bind(all.toArray(String[]::new)));
    }

    /** The corpus's size and the counts of the tokens of some feature sets, and the sets' scores from them. */
    public record Scoring(List<Set<String>> featureSets, RoundTrip.Query<int[]> corpus, RoundTrip.Query<Map<String, int[]>> tokens) {

        public List<RoundTrip.Query<?>> queries() {
            return List.of(corpus, tokens);
        }

        public List<Double> scores() {
            int spamDocs = corpus.result()[0];
            int hamDocs = corpus.result()[1];
            boolean known = spamDocs >= MIN_DOCS_PER_CLASS && hamDocs >= MIN_DOCS_PER_CLASS;
            List<Double> scores = new ArrayList<>(featureSets.size());
            for (Set<String> features : featureSets) {
                scores.add(known ? score(features, tokens.result(), spamDocs, hamDocs) : null);
            }
            return scores;
        }
    }

    /**
     * Per feature, the spam probability from its rate in each class (so that moderators seeing more
     * ham than spam does not bias it), shrunk towards 0.5 while it has been seen only a few times
     * (Robinson); then naive Bayes over the most telling features (Graham).
     */
    private static double score(Set<String> features, Map<String, int[]> counts, int spamDocs, int hamDocs) {
        List<Double> telling = new ArrayList<>();
        for (String feature : features) {
            int[] count = counts.get(feature);
            if (count == null) {
                continue;
            }
            int spam = count[0];
            int ham = count[1];
            double spamRate = spam / (double) spamDocs;
            double hamRate = ham / (double) hamDocs;
            if (spamRate + hamRate == 0) {
                continue;
            }
            double p = spamRate / (spamRate + hamRate);
            double shrunk = (NEUTRAL * STRENGTH + (spam + ham) * p) / (STRENGTH + spam + ham);
            telling.add(Math.max(0.01, Math.min(0.99, shrunk)));
        }
        telling.sort(java.util.Comparator.comparingDouble(p -> -Math.abs(p - NEUTRAL)));
        double logOdds = 0;
        for (double p : telling.subList(0, Math.min(MOST_TELLING, telling.size()))) {
            logOdds += Math.log(p / (1 - p));
        }
        logOdds = Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, logOdds));
        return 1 / (1 + Math.exp(-logOdds));
    }

    /**
     * Learns {@code comment} as spam or ham; a comment learnt the other way before is unlearnt first,
     * so a moderator changing their mind does not count twice.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learn(Comment comment, boolean spam) {
        String label = spam ? "spam" : "ham";
        if (label.equals(comment.trainedAs) || comment.body == null) {
            return;
        }
        Set<String> features = features(comment);
        if (comment.trainedAs != null) {
            count(features, "spam".equals(comment.trainedAs), -1);
        }
        count(features, spam, +1);
        comment.trainedAs = label;
    }

    /** A comment to learn from: what its features are made of, and whether it is spam. */
    public record Example(String body, String html, String authorName, String authorEmail, String website, boolean reply,
            boolean spam) {
    }

    /**
     * Learns many comments not learnt before at once (an import's, judged where they come from), in
     * one statement for their tokens; the caller records on each comment what it was learnt as.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void learnAll(List<Example> examples) {
        Map<String, int[]> tokens = new HashMap<>();
        int spam = 0;
        for (Example e : examples) {
            int kind = e.spam() ? 0 : 1;
            SpamFeatures.of(e.body(), e.html(), e.authorName(), e.authorEmail(), e.website(), e.reply())
                    .forEach(f -> tokens.computeIfAbsent(f, k -> new int[2])[kind]++);
            spam += e.spam() ? 1 : 0;
        }
        count(tokens, spam, examples.size() - spam);
    }

    /** Forgets everything and learns again from moderators' latest decisions on each comment. */
    @Transactional
    @SuppressWarnings("unchecked")
    public int rebuild() {
        em.createNativeQuery("truncate spam_token").executeUpdate();
        em.createNativeQuery("update spam_corpus set spam_docs = 0, ham_docs = 0").executeUpdate();
        em.createNativeQuery("update comment set trained_as = null where trained_as is not null").executeUpdate();
        List<Object[]> latest = em.createNativeQuery("""
                        select comment_id, to_status from (
                            select distinct on (comment_id) comment_id, to_status from moderation_event
                            where actor_kind = 'moderator' order by comment_id, created_at desc, id desc) d
                        where to_status in ('SPAM', 'APPROVED')""").getResultList();
        em.clear();
        int learnt = 0;
        for (Object[] row : latest) {
            Comment comment = Comment.findById(((Number) row[0]).longValue());
            if (comment != null && comment.body != null) {
                learn(comment, "SPAM".equals(row[1]));
                learnt++;
            }
        }
        return learnt;
    }

    public static Set<String> features(Comment comment) {
        return SpamFeatures.of(comment.body, comment.html, comment.authorName, comment.authorEmail, comment.authorWebsite,
                comment.parentId != null);
    }

    private void count(Set<String> features, boolean spam, int delta) {
        Map<String, int[]> tokens = new HashMap<>();
        features.forEach(f -> tokens.put(f, spam ? new int[] {delta, 0} : new int[] {0, delta}));
        count(tokens, spam ? delta : 0, spam ? 0 : delta);
    }

    /** Adds to each token's {spam, ham} counts and to the documents of each kind, in one statement each. */
    private void count(Map<String, int[]> tokens, int spamDocs, int hamDocs) {
        List<String> names = new ArrayList<>(tokens.keySet());
        names.sort(null); // the same order in every transaction, so two learners never wait on each other in a circle
        // known tokens are updated with the delta itself (an insert's EXCLUDED row would hold it clamped at 0)
        em.createNativeQuery("""
                        with v (t, s, h) as (select * from unnest(cast(?1 as text[]), cast(?2 as int[]), cast(?3 as int[]))),
                        known as (update spam_token k set spam = greatest(k.spam + v.s, 0), ham = greatest(k.ham + v.h, 0)
                                  from v where k.token = v.t returning k.token)
                        insert into spam_token (token, spam, ham)
                        select t, greatest(s, 0), greatest(h, 0) from v where not exists (select 1 from known where known.token = v.t)
                        on conflict (token) do update set spam = spam_token.spam + excluded.spam, ham = spam_token.ham + excluded.ham""")
                .setParameter(1, names.toArray(String[]::new))
                .setParameter(2, names.stream().map(t -> tokens.get(t)[0]).toArray(Integer[]::new))
                .setParameter(3, names.stream().map(t -> tokens.get(t)[1]).toArray(Integer[]::new))
                .executeUpdate();
        em.createNativeQuery("update spam_corpus set spam_docs = greatest(spam_docs + ?1, 0), ham_docs = greatest(ham_docs + ?2, 0) where id = 1")
                .setParameter(1, spamDocs).setParameter(2, hamDocs).executeUpdate();
    }
}
