package io.parley.moderation.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Word-list matching cost per comment with 5,000 banned and 5,000 suspect terms (bench/word-matching.sh).
 * Comments are 20 to 200 words of ordinary text with a few disguised words, as readers write them.
 */
public final class WordMatcherBenchmark {

    private static final String[] ORDINARY = ("the council said budget would rise next year while residents asked about schools "
            + "transport housing and the new hospital many readers thought the article was fair though some disagreed with "
            + "its conclusions about taxes and spending in the region").split(" ");

    private WordMatcherBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(2026);
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            terms.add(pseudoWord(random) + (i % 10 == 0 ? "*" : "") + (i % 25 == 0 ? " " + pseudoWord(random) : ""));
        }
        terms.set(0, "idiot");
        terms.set(1, "shit");
        long compileStart = System.nanoTime();
        WordMatcher banned = WordMatcher.of(terms);
        WordMatcher suspect = WordMatcher.of(terms.subList(0, 2_500));
        double compileMs = (System.nanoTime() - compileStart) / 1e6;

        List<String> comments = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int words = 20 + random.nextInt(180);
            for (int w = 0; w < words; w++) {
                String word = ORDINARY[random.nextInt(ORDINARY.length)];
                if (random.nextInt(2000) == 0) {
                    word = "s h 1 t";
                } else if (random.nextInt(2000) == 0) {
                    word = "ídíót\u200B";
                }
                text.append(word).append(random.nextInt(12) == 0 ? ". " : " ");
            }
            comments.add(text.toString());
        }
        int found = 0;
        for (int round = 0; round < 5; round++) { // warm-up: let the JIT compile the hot paths
            for (String comment : comments) {
                found += banned.firstMatch(comment).isPresent() || suspect.firstMatch(comment).isPresent() ? 1 : 0;
            }
        }
        long[] nanos = new long[comments.size()];
        for (int i = 0; i < comments.size(); i++) {
            long start = System.nanoTime();
            found += banned.firstMatch(comments.get(i)).isPresent() || suspect.firstMatch(comments.get(i)).isPresent() ? 1 : 0;
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e3;
        System.out.printf("terms: 5000 banned + 2500 suspect, compiled in %.1f ms%n", compileMs);
        System.out.printf("comments: %d, 20-200 words%n", comments.size());
        System.out.printf("per comment (both lists): mean %.1f us, p50 %.1f us, p99 %.1f us, max %.1f us%n", mean,
                nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.99)] / 1e3, nanos[nanos.length - 1] / 1e3);
        System.out.printf("comments with a disguised listed word: %.0f%%; the others are scanned to the end%n",
                100.0 * found / (6.0 * comments.size()));
    }

    private static String pseudoWord(Random random) {
        String letters = "abcdefghijklmnopqrstuvwxyz";
        StringBuilder word = new StringBuilder();
        for (int i = 0, n = 4 + random.nextInt(6); i < n; i++) {
            word.append(letters.charAt(random.nextInt(letters.length())));
        }
        return word.toString();
    }
}
