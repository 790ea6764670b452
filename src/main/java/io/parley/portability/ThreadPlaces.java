package io.parley.portability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where each comment of a batch sits in its thread: its parent, the first comment of its thread
 * and its depth. A parent is another comment of the batch or one created before (an anchor, whose
 * place is known), always in the same article. A reply whose parent is neither, or the first of a
 * loop of parents the batch reaches, goes to the top level and is counted.
 */
final class ThreadPlaces {

    /** A comment created before, where it sits ({@code rootId} null: it is its thread's first). */
    record Anchor(long id, String articleId, Long rootId, int depth) {
    }

    final Long[] parentIds;
    final Long[] rootIds;
    final Integer[] depths;
    long parentMissing;

    /**
     * @param ids the comments' ids, in the batch's order
     * @param articles each comment's article
     * @param parents each comment's parent's source id, or null
     * @param inBatch a source id's position in the batch
     * @param anchors a source id's comment created before, or null
     */
    ThreadPlaces(List<Long> ids, List<String> articles, List<String> parents, Map<String, Integer> inBatch, Function<String, Anchor> anchors) {
        int n = ids.size();
        parentIds = new Long[n];
        rootIds = new Long[n];
        depths = new Integer[n];
        int[] parentAt = new int[n];
        for (int k = 0; k < n; k++) {
            String parent = parents.get(k);
            Integer at = parent == null ? null : inBatch.get(parent);
            Anchor anchor = parent == null || at != null ? null : anchors.apply(parent);
            parentAt[k] = -1;
            if (at != null && articles.get(k).equals(articles.get(at))) {
                parentAt[k] = at;
            } else if (anchor != null && articles.get(k).equals(anchor.articleId())) {
                parentIds[k] = anchor.id();
                rootIds[k] = anchor.rootId() == null ? anchor.id() : anchor.rootId();
                depths[k] = anchor.depth() + 1;
            } else {
                depths[k] = 0;
                parentMissing += parent == null ? 0 : 1;
            }
        }
        for (int k = 0; k < n; k++) {
            // up the chain of parents in the batch to one placed already, then down again
            List<Integer> chain = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            int at = k;
            while (depths[at] == null && seen.add(at)) {
                chain.add(at);
                at = parentAt[at];
            }
            if (depths[at] == null) { // a loop
                depths[at] = 0;
                parentMissing++;
            }
            for (int j = chain.size() - 1; j >= 0; j--) {
                int child = chain.get(j);
                if (depths[child] == null) {
                    int parent = parentAt[child];
                    parentIds[child] = ids.get(parent);
                    rootIds[child] = rootIds[parent] == null ? ids.get(parent) : rootIds[parent];
                    depths[child] = depths[parent] + 1;
                }
            }
        }
    }
}
