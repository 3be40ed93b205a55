package org.wspubsub.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A scenario run in several rounds ({@code --repeat N}), the servers taking turns in alternating
 * order: as given in the first round (library, netty), reversed in the second (netty, library), and
 * so on. The server measured first in a run meets a colder load generator and machine, and with a
 * fixed order that bias always fell on the same server; alternating spreads it over all of them.
 *
 * <p>Each round is still a same-run comparison: the summary gives, for every measure, the median
 * over the rounds of each server's figure and the median of the per-round ratios of the
 * {@code reference} (the library, or the cross node) to each other server. A server with no clean
 * step in a round has no figure there; a ratio needs both.
 *
 * <p>Used by the load tool's main thread only.
 */
final class Rounds {

    /** A figure of a step that a summary reports, with its name and unit. */
    record Measure(String name, ToDoubleFunction<StepResult> value) {
    }

    static final Measure DELIVERIES = new Measure("deliveries/s", StepResult::deliveriesPerSecond);
    static final Measure P99 = new Measure("p99 ms", r -> r.p(99));
    static final Measure CPU = new Measure("CPU µs/del", StepResult::cpuMicrosPerDelivery);

    private final List<String> servers;
    private final String reference;
    private final List<Map<String, StepResult>> rounds = new ArrayList<>();

    /**
     * @param servers   the servers (or modes) in the first round's order
     * @param reference the one whose ratios to the others are reported
     */
    Rounds(List<String> servers, String reference) {
        this.servers = List.copyOf(servers);
        this.reference = reference;
    }

    /** The servers in round {@code round}'s order (counting from 0): as given when even, reversed when odd. */
    List<String> order(int round) {
        return alternating(servers, round);
    }

    /** {@code servers} in round {@code round}'s order (counting from 0): as given when even, reversed when odd. */
    static List<String> alternating(List<String> servers, int round) {
        List<String> order = new ArrayList<>(servers);
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    /** Starts the next round; the caller puts each server's result (its highest clean step) into the map returned. */
    Map<String, StepResult> next() {
        Map<String, StepResult> round = new LinkedHashMap<>();
        rounds.add(round);
        return round;
    }

    /** The median of {@code measure} over the rounds in which {@code server} had a result, or NaN if it had none. */
    double median(String server, Measure measure) {
        return median(rounds.stream().filter(r -> r.containsKey(server))
                .mapToDouble(r -> measure.value().applyAsDouble(r.get(server))).toArray());
    }

    /**
     * The per-round ratios of the reference to {@code other} for {@code measure}, in round order;
     * NaN for a round where either had no result.
     */
    double[] ratios(String other, Measure measure) {
        return rounds.stream().mapToDouble(r -> r.containsKey(reference) && r.containsKey(other)
                ? measure.value().applyAsDouble(r.get(reference)) / Math.max(1e-9, measure.value().applyAsDouble(r.get(other)))
                : Double.NaN).toArray();
    }

    /** How many rounds had a result for {@code server}. */
    long roundsWithResult(String server) {
        return rounds.stream().filter(r -> r.containsKey(server)).count();
    }

    /** The summary table: per server, the median of each measure; then the medians of the per-round ratios. */
    List<String> summary(List<Measure> measures) {
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("| server      | rounds with a clean step |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (Measure m : measures) {
            header.append(" median ").append(m.name()).append(" |");
            rule.append("---|");
        }
        lines.add(header.toString());
        lines.add(rule.toString());
        for (String server : servers) {
            StringBuilder row = new StringBuilder(String.format("| %-11s | %d of %d |", server, roundsWithResult(server), rounds.size()));
            for (Measure m : measures) {
                row.append(' ').append(figure(median(server, m), "")).append(" |");
            }
            lines.add(row.toString());
        }
        for (String other : servers) {
            if (other.equals(reference)) {
                continue;
            }
            StringBuilder line = new StringBuilder(reference + " / " + other + ", median of the per-round ratios:");
            for (Measure m : measures) {
                double[] ratios = ratios(other, m);
                line.append(String.format(" %s %s (%s);", m.name(), figure(median(present(ratios)), "x"), list(ratios)));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** A figure with two decimals and its unit, or "n/a" where there was none. */
    private static String figure(double value, String unit) {
        return Double.isNaN(value) ? "n/a" : String.format("%.2f%s", value, unit);
    }

    private static double[] present(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static String list(double[] ratios) {
        StringBuilder text = new StringBuilder();
        for (double r : ratios) {
            text.append(text.length() == 0 ? "" : ", ").append(Double.isNaN(r) ? "-" : String.format("%.2f", r));
        }
        return text.toString();
    }

    /** The median (the mean of the middle two for an even count), NaN for no values. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
