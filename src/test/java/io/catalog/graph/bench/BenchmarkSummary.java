package io.catalog.graph.bench;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The one table a benchmark run ends with. Each benchmark adds its headline figures as it measures them (tests in
 * both test JVMs of the build, surefire's and failsafe's, append to one file, marked with the build they belong to);
 * when the last JVM's tests are over (failsafe's, which runs after {@code package}), the figures of this build are
 * printed under "BENCHMARK SUMMARY" and written to {@code target/benchmark-summary.md}. A run without benchmarks adds
 * nothing and prints nothing.
 */
public final class BenchmarkSummary implements LauncherSessionListener {

    private static final String SEPARATOR = "\t";

    /** Adds one row: which benchmark, what was measured, the figure, and the target it is held against ("" if none). */
    static void add(String benchmark, String figure, String value, String target) {
        String row = String.join(SEPARATOR, build(), benchmark, figure, value, target).replace("\n", " ") + "\n";
        try {
            Path file = file();
            Files.createDirectories(file.getParent());
            Files.writeString(file, row, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add to the benchmark summary", e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (!Boolean.getBoolean("bench.summary.print") || !Files.isRegularFile(file())) {
            return;
        }
        try {
            List<String[]> rows = Files.readAllLines(file()).stream().map(line -> line.split(SEPARATOR, -1))
                    .filter(row -> row.length == 5 && row[0].equals(build())).toList();
            if (rows.isEmpty()) {
                return;
            }
            StringBuilder table = new StringBuilder("| benchmark | figure | value | target |\n|---|---|---|---|\n");
            rows.forEach(row -> table.append("| ").append(String.join(" | ", row[1], row[2], row[3], row[4])).append(" |\n"));
            String title = "BENCHMARK SUMMARY (" + Integer.getInteger("bench.entities", 10_000) + " entities)";
            BenchmarkReport.publish(title, table.toString(), "bench.summary.output", "target/benchmark-summary.md");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot print the benchmark summary", e);
        }
    }

    /** The Maven build the figures belong to: both test JVMs of one build get the same value. */
    private static String build() {
        return System.getProperty("bench.build", "");
    }

    private static Path file() {
        return Path.of(System.getProperty("bench.summary.file", "target/benchmark-summary.tsv")).toAbsolutePath();
    }
}
