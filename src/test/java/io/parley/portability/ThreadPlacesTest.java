package io.parley.portability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadPlacesTest {

    @Test
    void repliesListedBeforeTheirParentsFindThemAndKeepTheirDepth() {
        // 3 answers 2, which answers 1; listed child first
        ThreadPlaces places = new ThreadPlaces(List.of(13L, 12L, 11L), List.of("a", "a", "a"), Arrays.asList("s2", "s1", null),
                Map.of("s3", 0, "s2", 1, "s1", 2), source -> null);
        assertArrayEquals(new Long[] {12L, 11L, null}, places.parentIds);
        assertArrayEquals(new Long[] {11L, 11L, null}, places.rootIds);
        assertArrayEquals(new Integer[] {2, 1, 0}, places.depths);
        assertEquals(0, places.parentMissing);
    }

    @Test
    void aParentCreatedBeforeAnchorsItsRepliesInItsThread() {
        ThreadPlaces.Anchor earlier = new ThreadPlaces.Anchor(7L, "a", 5L, 2);
        ThreadPlaces places = new ThreadPlaces(List.of(20L, 21L), List.of("a", "a"), Arrays.asList("old", "s20"), Map.of("s20", 0, "s21", 1),
                source -> source.equals("old") ? earlier : null);
        assertArrayEquals(new Long[] {7L, 20L}, places.parentIds);
        assertArrayEquals(new Long[] {5L, 5L}, places.rootIds);
        assertArrayEquals(new Integer[] {3, 4}, places.depths);
    }

    @Test
    void missingParentsOtherArticlesAndLoopsGoToTheTopLevelAndAreCounted() {
        ThreadPlaces places = new ThreadPlaces(List.of(1L, 2L, 3L, 4L), List.of("a", "a", "a", "b"), Arrays.asList("s2", "s1", "gone", "s3"),
                Map.of("s1", 0, "s2", 1, "s3", 2, "s4", 3), source -> null);
        assertArrayEquals(new Integer[] {0, 1, 0, 0}, places.depths, "1 and 2 answer each other: the first met is on top");
        assertArrayEquals(new Long[] {null, 1L, null, null}, places.parentIds);
        assertEquals(3, places.parentMissing, "the loop, the parent not in the file, the parent in another article");
    }
}
