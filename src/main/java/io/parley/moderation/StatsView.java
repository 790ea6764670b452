package io.parley.moderation;

import java.util.List;
import java.util.Map;

/**
 * How the moderation desk is doing: comments by status, decisions per moderator, and how long
 * comments wait for their first human decision (over the last 30 days).
 */
public record StatsView(Map<String, Long> queue, List<ModeratorActivity> decisions, TimeToDecision timeToFirstDecision) {

    public record ModeratorActivity(String moderator, long last24h, long last7d) {
    }

    /** Seconds from submission to the first moderator decision; null when nothing was decided. */
    public record TimeToDecision(long decided, Double medianSeconds, Double p90Seconds) {
    }
}
