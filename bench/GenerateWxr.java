import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A WordPress export (WXR 1.2) of COMMENTS comments over POSTS posts, as a big site's would look:
 * threads with replies (a third answer an earlier comment of their post), shared authors, a few
 * spam, held and trashed comments, and some pingbacks. Usage: java bench/GenerateWxr.java FILE COMMENTS POSTS
 */
public class GenerateWxr {

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int comments = Integer.parseInt(args[1]);
        int posts = Integer.parseInt(args[2]);
        DateTimeFormatter wp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime start = LocalDateTime.of(2019, 1, 1, 0, 0);
        int perPost = comments / posts;
        long id = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("""
                    <?xml version="1.0" encoding="UTF-8" ?>
                    <rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
                      xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
                      xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
                    <channel>
                    <title>The Bench Gazette</title>
                    <link>https://bench.example</link>
                    <wp:wxr_version>1.2</wp:wxr_version>
                    <wp:base_site_url>https://bench.example</wp:base_site_url>
                    """);
            for (int post = 1; post <= posts; post++) {
                LocalDateTime published = start.plusHours(post * 2L);
                out.write("<item>\n<title>Story number " + post + "</title>\n<link>https://bench.example/" + post + "/story/</link>\n"
                        + "<wp:post_id>" + post + "</wp:post_id>\n<wp:post_type>post</wp:post_type>\n<wp:status>publish</wp:status>\n");
                long first = id + 1;
                for (int c = 0; c < perPost; c++) {
                    id++;
                    long parent = c > 0 && id % 3 == 0 ? first + (id * 7919) % c : 0;
                    int author = (int) (id * 2654435761L % 200_000);
                    String approved = id % 50 == 0 ? "spam" : id % 97 == 0 ? "0" : id % 211 == 0 ? "trash" : "1";
                    String type = id % 400 == 0 ? "pingback" : "comment";
                    String date = wp.format(published.plusMinutes(c * 3L));
                    out.write("<wp:comment>\n<wp:comment_id>" + id + "</wp:comment_id>\n"
                            + "<wp:comment_author><![CDATA[Reader " + author + "]]></wp:comment_author>\n"
                            + "<wp:comment_author_email>reader" + author + "@example.com</wp:comment_author_email>\n"
                            + "<wp:comment_author_url></wp:comment_author_url>\n"
                            + "<wp:comment_author_IP>10." + (author % 250) + "." + (id % 250) + "." + (c % 250 + 1) + "</wp:comment_author_IP>\n"
                            + "<wp:comment_date>" + date + "</wp:comment_date>\n<wp:comment_date_gmt>" + date + "</wp:comment_date_gmt>\n"
                            + "<wp:comment_content><![CDATA[Comment " + id + " on story " + post + ": the council should publish the "
                            + "budget before spring,\nso that <em>readers</em> can judge the cost for themselves.]]></wp:comment_content>\n"
                            + "<wp:comment_approved>" + approved + "</wp:comment_approved>\n<wp:comment_type>" + type + "</wp:comment_type>\n"
                            + "<wp:comment_parent>" + parent + "</wp:comment_parent>\n<wp:comment_user_id>0</wp:comment_user_id>\n"
                            + "</wp:comment>\n");
                }
                out.write("</item>\n");
            }
            out.write("</channel>\n</rss>\n");
        }
    }
}
