package io.parley.portability;

import io.parley.common.error.ProblemException;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * {@code java -jar quarkus-run.jar import --format wxr|disqus [--article-ids url] [--time-zone ZONE] FILE}:
 * imports a file too large to upload, against the configured database, with a progress bar in the
 * terminal. The job is an ordinary import job (the admin API shows it too); the file stays where it is.
 */
public class ImportCommand implements QuarkusApplication {

    static final String USAGE = "usage: import --format wxr|disqus [--article-ids source|url] [--time-zone ZONE] [--learn-spam] FILE";

    @Inject
    ImportJobs jobs;

    @Override
    public int run(String... args) throws Exception {
        PrintStream out = System.err;
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        rest.pollFirst(); // "import"
        String format = null;
        String articleIds = "source";
        String zone = "UTC";
        boolean learnSpam = false;
        Path file = null;
        while (!rest.isEmpty()) {
            String arg = rest.pollFirst();
            switch (arg) {
                case "--format" -> format = rest.pollFirst();
                case "--article-ids" -> articleIds = rest.pollFirst();
                case "--time-zone" -> zone = rest.pollFirst();
                case "--learn-spam" -> learnSpam = true;
                default -> file = Path.of(arg);
            }
        }
        if (format == null || file == null || !Files.isReadable(file) || !List.of("source", "url").contains(articleIds)) {
            out.println(file != null && !Files.isReadable(file) ? "Cannot read " + file + "." : USAGE);
            return 2;
        }
        ImportJobs.JobView job;
        try {
            job = jobs.create(ImportFormat.parse(format), new ImportOptions(articleIds.equals("url"), ZoneId.of(zone), learnSpam),
                    file.toAbsolutePath(), Files.size(file), "command line");
        } catch (ProblemException refused) {
            out.println(refused.getMessage());
            return 1;
        }
        out.println("Import " + job.id() + ": " + file + " (" + Files.size(file) / (1024 * 1024) + " MiB)");
        while (!job.status().equals("done") && !job.status().equals("failed")) {
            bar(out, job);
            Thread.sleep(500);
            job = jobs.find(job.id()).orElseThrow();
        }
        bar(out, job);
        out.println();
        ImportCounts c = job.counts();
        out.printf("%s: %,d read, %,d imported, skipped %s, %,d errors, %,d replies without their parent, %,d characters repaired%n",
                job.status(), c.read, c.imported, c.skipped, c.errors, c.parentMissing, c.invalidCharacters + c.badEncoding);
        if (job.failure() != null) {
            out.println(job.failure());
        }
        c.errorDetails.stream().limit(20).forEach(e -> out.println("  line " + e.line() + " " + e.sourceId() + ": " + e.message()));
        return job.status().equals("done") ? 0 : 1;
    }

    private static void bar(PrintStream out, ImportJobs.JobView job) {
        int width = 40;
        int filled = (int) Math.round(job.progress() * width);
        out.printf("\r[%s%s] %3d%%  %,d comments read", "#".repeat(filled), "-".repeat(width - filled), Math.round(job.progress() * 100),
                job.counts().read);
        out.flush();
    }
}
