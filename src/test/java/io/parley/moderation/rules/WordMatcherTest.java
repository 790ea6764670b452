package io.parley.moderation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WordMatcherTest {

    private final WordMatcher banned = WordMatcher.of(List.of("cunt", "shit", "idiot", "kill yourself", "scam*", "ass"));

    @ParameterizedTest
    @ValueSource(strings = {
            "you idiot", "You IDIOT!", "ïdíót", "you іdіot",            // Cyrillic і
            "yоu are an іdiоt",                                          // Cyrillic о
            "ｉｄｉｏｔ",                                                  // full-width
            "id\u200Biot", "id\u00ADiot", "i\u200Dd\u2060iot",          // invisible characters
            "i d i o t", "i.d.i.o.t", "i-d-i-o-t", "i_d_i_o_t",          // spaced out
            "1d10t", "!d!ot", "sh1t", "$h!t", "5hit",                    // leetspeak
            "shiiiiit", "iiidiot",                                       // stretched
            "go kill   yourself", "KILL YOURSELF",                       // phrases
            "scammers everywhere", "scam"})                              // prefix term
    void disguisesAreSeenThrough(String text) {
        assertTrue(banned.firstMatch(text).isPresent(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Scunthorpe United won", "a shitake mushroom? no, shiitake", "assessment of the assets",
            "as I said", "passing class", "idiomatic", "skills yourself", "mass", "Essex", "classic",
            "she kills yourselves", "Dick Van Dyke", "the scapegoat"})
    void innocentWordsAreNotMatches(String text) {
        assertEquals(Optional.empty(), banned.firstMatch(text), text);
    }

    @Test
    void theMatchIsReportedAsTheNewsroomWroteIt() {
        assertEquals(Optional.of("kill yourself"), banned.firstMatch("please k i l l yourself"));
        assertEquals(Optional.of("scam*"), banned.firstMatch("SCAMMY offer"));
    }

    @Test
    void otherAlphabetsStillWork() {
        WordMatcher greek = WordMatcher.of(List.of("βλάκας"));
        assertTrue(greek.firstMatch("είσαι βλακας").isPresent());
    }
}
