package io.parley.portability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a job has done so far, saved with every staged batch so that a resumed job carries on
 * counting: comments read, imported, skipped by reason, errors with their source id and line, and
 * what had to be repaired in the file.
 */
public final class ImportCounts {

    /** A record that could not be read. Only the first {@link #KEPT_ERRORS} are kept; all are counted. */
    public record ImportError(String sourceId, int line, String message) {
    }

    static final int KEPT_ERRORS = 1000;

    public long read;
    public long imported;
    public Map<String, Long> skipped = new TreeMap<>();
    public long errors;
    /** Replies whose parent the file does not hold: imported at the top level of their thread. */
    public long parentMissing;
    public long invalidCharacters;
    public long badEncoding;
    /** Spam and approved comments the spam filter learnt from (with the option learnSpam). */
    public long learntBySpamFilter;
    public List<ImportError> errorDetails = new ArrayList<>();

    void skip(String reason, long n) {
        if (n > 0) {
            skipped.merge(reason, n, Long::sum);
        }
    }

    /** Adds what another count found (not the repairs, which are totals). */
    void add(ImportCounts more) {
        read += more.read;
        imported += more.imported;
        more.skipped.forEach(this::skip);
        parentMissing += more.parentMissing;
        errors += more.errors - more.errorDetails.size();
        more.errorDetails.forEach(e -> error(e.sourceId(), e.line(), e.message()));
    }

    void error(String sourceId, int line, String message) {
        errors++;
        if (errorDetails.size() < KEPT_ERRORS) {
            errorDetails.add(new ImportError(sourceId, line, message));
        }
    }
}
