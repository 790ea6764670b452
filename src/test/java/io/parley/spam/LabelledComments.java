package io.parley.spam;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A labelled set of reader comments and spam, composed from phrases seen on news sites and in
 * comment spam. Different seeds give different comments over the same vocabulary, as real spam
 * campaigns and real readers repeat themselves without repeating whole comments.
 */
final class LabelledComments {

    record Labelled(String name, String email, String website, String body, boolean spam) {
    }

    private static final String[] TOPICS = {"the council budget", "the new tram line", "school funding", "the housing plan",
            "the hospital waiting lists", "the mayor's speech", "the climate report", "the election debate",
            "the harbour redevelopment", "the library closures", "the bus fare increase", "the flood defences",
            "the local football club", "the teachers' strike", "the new cycle lanes", "the water company"};
    private static final String[] OPINIONS = {"seems reasonable to me", "is a mistake in my view", "needs more scrutiny",
            "will hurt families on low incomes", "was long overdue", "ignores what residents asked for",
            "is better than the alternative", "raises more questions than it answers", "deserves a proper debate",
            "was explained well in this article"};
    private static final String[] FOLLOWUPS = {"My neighbour works there and says the same.", "Thanks for the careful reporting.",
            "I would like to see the full figures.", "Has anyone asked the opposition?", "We saw this happen in 2019 too.",
            "The comments here are more balanced than usual.", "Can the paper follow up next month?",
            "I disagree with the previous commenter, respectfully.", "Good to read a piece without spin.",
            "Our street was flooded twice last winter.", "The consultation closes on Friday, by the way."};
    private static final String[] HAM_LINKS = {"https://www.gov.uk/budget", "https://www.bbc.co.uk/news",
            "https://en.wikipedia.org/wiki/Public_transport", "https://www.ons.gov.uk/economy"};
    private static final String[] HAM_NAMES = {"Margaret Hill", "Tom Okafor", "Priya Shah", "Dave", "Eleanor W.", "Jonas Berg",
            "Sam from Leith", "Rosa Martinez", "Keith Allen", "Aoife"};
    private static final String[] HAM_MAIL = {"gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk", "proton.me"};

    private static final String[] GREETINGS = {"Great post!", "Nice article.", "Hello friends,", "Very informative!",
            "Amazing content!!", "Thank you for sharing.", "Hi all"};
    private static final String[] OFFERS = {"Buy cheap viagra and cialis online without prescription",
            "Get 200% casino bonus and free spins today", "Double your bitcoin in 24 hours guaranteed",
            "Lose 10kg in a week with our natural diet pills", "Best replica watches at wholesale prices",
            "Work from home and earn $5000 per week", "Cheap SEO backlinks to rank your website fast",
            "Meet hot singles in your area tonight", "Payday loans approved instantly, no credit check",
            "Crypto trading signals with 98% accuracy", "Discount designer handbags free shipping worldwide"};
    private static final String[] CALLS = {"Click here", "Visit now", "Limited offer, act fast", "Order today",
            "Sign up free", "Check my profile", "100% legit, contact me"};
    private static final String[] SPAM_DOMAINS = {"cheap-meds-online.biz", "casino-bonus-777.top", "btc-doubler.xyz",
            "slim-fast-pills.shop", "replica-luxe.cn", "earn-from-home.click", "seo-links-pro.ru", "hot-dates-now.site",
            "quickloan-247.info", "crypto-signals.vip", "bags-outlet.store"};
    private static final String[] SPAM_NAMES = {"Cheap Viagra", "casino777", "BestSEO2024", "Jenny", "Crypto King",
            "loans4u", "Anna88", "Replica Watches", "Mike"};
    private static final String[] SPAM_MAIL = {"mail.ru", "yandex.com", "spambox.xyz", "tempmail.top", "gmail.com"};

    private LabelledComments() {
    }

    static List<Labelled> generate(int eachKind, long seed) {
        Random random = new Random(seed);
        List<Labelled> comments = new ArrayList<>();
        for (int i = 0; i < eachKind; i++) {
            comments.add(ham(random, i));
            comments.add(spam(random, i));
        }
        return comments;
    }

    private static Labelled ham(Random r, int i) {
        StringBuilder body = new StringBuilder("I think ").append(pick(r, TOPICS)).append(' ').append(pick(r, OPINIONS)).append(". ")
                .append(pick(r, FOLLOWUPS));
        if (r.nextInt(3) == 0) {
            body.append(' ').append(pick(r, FOLLOWUPS));
        }
        if (r.nextInt(8) == 0) {
            body.append(" Source: ").append(pick(r, HAM_LINKS));
        }
        String name = pick(r, HAM_NAMES);
        return new Labelled(name, name.toLowerCase().replaceAll("[^a-z]", "") + i + "@" + pick(r, HAM_MAIL), null,
                body.toString(), false);
    }

    private static Labelled spam(Random r, int i) {
        String domain = pick(r, SPAM_DOMAINS);
        StringBuilder body = new StringBuilder(pick(r, GREETINGS)).append(' ').append(pick(r, OFFERS)).append(". ")
                .append(pick(r, CALLS));
        if (r.nextInt(5) != 0) {
            body.append(": https://").append(domain).append("/").append(Integer.toHexString(r.nextInt(1 << 20)));
        }
        String website = r.nextBoolean() ? "https://" + domain : null;
        return new Labelled(pick(r, SPAM_NAMES), "promo" + i + "@" + pick(r, SPAM_MAIL), website, body.toString(), true);
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
