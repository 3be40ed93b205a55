package org.wspubsub.benchmarks.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a number of connections added to a server's heap, class by class: the difference of two
 * {@code jcmd GC.class_histogram} outputs (live objects after a full GC), as bytes and instances
 * per connection, largest first. Not thread-safe; a value object once built.
 */
final class HistogramDiff {

    /** One class's growth. */
    record Row(String className, long instances, long bytes) {
    }

    private final List<Row> rows;
    private final long totalBytes;

    private HistogramDiff(List<Row> rows, long totalBytes) {
        this.rows = rows;
        this.totalBytes = totalBytes;
    }

    /** The growth from {@code before} to {@code after}, both in jcmd's histogram format. */
    static HistogramDiff between(String before, String after) {
        Map<String, long[]> old = parse(before);
        List<Row> rows = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : parse(after).entrySet()) {
            long[] was = old.getOrDefault(e.getKey(), new long[2]);
            Row row = new Row(e.getKey(), e.getValue()[0] - was[0], e.getValue()[1] - was[1]);
            total += row.bytes();
            rows.add(row);
        }
        rows.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return new HistogramDiff(rows, total);
    }

    /** Class name to {instances, bytes}; lines that are not a histogram row are skipped. */
    private static Map<String, long[]> parse(String histogram) {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            // "   1:        123456       7890123  java.lang.String (java.base@17)"
            if (f.length >= 4 && f[0].endsWith(":") && f[1].chars().allMatch(Character::isDigit)) {
                classes.merge(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return classes;
    }

    /** A table of the {@code top} largest growths per connection, with the total. */
    String table(int connections, int top) {
        StringBuilder out = new StringBuilder(String.format(
                "live heap growth: %.0f bytes per connection over %d connections%n", (double) totalBytes / connections,
                connections));
        out.append(String.format("| %-90s | %10s | %10s |%n", "class", "bytes/conn", "objs/conn"));
        for (Row row : rows.subList(0, Math.min(top, rows.size()))) {
            out.append(String.format("| %-90s | %10.1f | %10.2f |%n", row.className(),
                    (double) row.bytes() / connections, (double) row.instances() / connections));
        }
        return out.toString();
    }
}
