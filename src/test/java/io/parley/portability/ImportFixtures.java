package io.parley.portability;

/** WordPress exports for tests outside this package (the console's upload). */
public final class ImportFixtures {

    private ImportFixtures() {
    }

    /** An approved comment {@code id} by a reader of its own, answering {@code parent} (0: none). */
    public static String comment(int id, int parent, String dateGmt) {
        return ImportTest.wxrComment(Integer.toString(id), Integer.toString(parent), "Reader " + id, "r" + id + "@example.com",
                dateGmt, "", "1", "", "Comment " + id + " from the old site.");
    }

    /** A WXR file with one post holding {@code comments}. */
    public static String wxr(String postId, String title, String comments) {
        return ImportTest.wxr(ImportTest.post(postId, title, "https://old.example/" + postId + "/", comments));
    }
}
