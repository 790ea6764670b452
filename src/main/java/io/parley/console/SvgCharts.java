package io.parley.console;

import io.parley.moderation.StatsSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console's charts, drawn by the server as SVG: no chart library, nothing to download, and the
 * page's Content-Security-Policy stays strict (presentation attributes, no inline styles). Text in
 * the charts (moderators' names) is escaped.
 */
final class SvgCharts {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 200;
    private static final int LEFT = 48;
    private static final int BOTTOM = 24;
    private static final int TOP = 12;
    private static final String[] PALETTE = {"#2271b1", "#d63638", "#00a32a", "#996800", "#8c5bd6", "#135e96", "#e65054", "#3c434a"};
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SvgCharts() {
    }

    /** A line of values over [from, to). */
    static String line(String title, Instant from, Instant to, List<List<StatsSeries.Point>> lines, List<String> names, String unit) {
        double max = Math.max(1, lines.stream().flatMap(List::stream).mapToDouble(StatsSeries.Point::value).max().orElse(1));
        StringBuilder svg = open(title, from, to, max, unit);
        for (int i = 0; i < lines.size(); i++) {
            List<StatsSeries.Point> points = lines.get(i);
            if (points.isEmpty()) {
                continue;
            }
            StringBuilder path = new StringBuilder();
            for (StatsSeries.Point p : points) {
                path.append(path.isEmpty() ? "M" : " L").append(fmt(x(p.at(), from, to))).append(',').append(fmt(y(p.value(), max)));
            }
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(PALETTE[i % PALETTE.length])
                    .append("\" stroke-width=\"2\"/>");
        }
        return close(svg, names);
    }

    /** Bars per hour, stacked by moderator. */
    static String stacked(String title, Instant from, Instant to, Map<String, List<StatsSeries.Point>> byName) {
        Map<Instant, Double> totals = new java.util.HashMap<>();
        byName.values().forEach(points -> points.forEach(p -> totals.merge(p.at(), p.value(), Double::sum)));
        double max = Math.max(1, totals.values().stream().mapToDouble(Double::doubleValue).max().orElse(1));
        StringBuilder svg = open(title, from, to, max, "decisions");
        double barWidth = Math.max(1, (WIDTH - LEFT) / (double) Duration.between(from, to).toHours() - 1);
        Map<Instant, Double> stacked = new java.util.HashMap<>();
        int i = 0;
        for (Map.Entry<String, List<StatsSeries.Point>> moderator : byName.entrySet()) {
            String color = PALETTE[i++ % PALETTE.length];
            for (StatsSeries.Point p : moderator.getValue()) {
                double below = stacked.merge(p.at(), p.value(), Double::sum) - p.value();
                double top = y(below + p.value(), max);
                svg.append("<rect x=\"").append(fmt(x(p.at(), from, to))).append("\" y=\"").append(fmt(top))
                        .append("\" width=\"").append(fmt(barWidth)).append("\" height=\"").append(fmt(y(below, max) - top))
                        .append("\" fill=\"").append(color).append("\"><title>").append(escape(moderator.getKey())).append(": ")
                        .append((long) p.value()).append("</title></rect>");
            }
        }
        return close(svg, new ArrayList<>(byName.keySet()));
    }

    private static StringBuilder open(String title, Instant from, Instant to, double max, String unit) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT + 28).append("\" width=\"100%\"><title>").append(escape(title)).append("</title>")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(HEIGHT - BOTTOM).append("\" x2=\"").append(WIDTH)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#8c8f94\"/>")
                .append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#8c8f94\"/>")
                .append(text(4, TOP + 10, fmt(max) + " " + unit)).append(text(4, HEIGHT - BOTTOM, "0"))
                .append(text(LEFT, HEIGHT - 6, HOUR.format(from) + " UTC"))
                .append(text(WIDTH - 130, HEIGHT - 6, HOUR.format(to) + " UTC"));
        return svg;
    }

    private static String close(StringBuilder svg, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            int x = LEFT + i * 140;
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(HEIGHT + 10).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(PALETTE[i % PALETTE.length]).append("\"/>").append(text(x + 14, HEIGHT + 19, names.get(i)));
        }
        return svg.append("</svg>").toString();
    }

    private static String text(double x, double y, String value) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" font-size=\"11\" fill=\"#3c434a\">" + escape(value) + "</text>";
    }

    private static double x(Instant at, Instant from, Instant to) {
        double span = Duration.between(from, to).toMillis();
        return LEFT + (WIDTH - LEFT) * Duration.between(from, at).toMillis() / span;
    }

    private static double y(double value, double max) {
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * value / max;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
