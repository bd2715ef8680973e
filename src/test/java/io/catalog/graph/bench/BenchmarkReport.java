package io.catalog.graph.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a benchmark's table goes: stdout under a title, and a Markdown file (its folder made if missing). */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    /** Prints {@code report} under {@code title} and writes it to the file the system property names, else {@code fallback}. */
    static void publish(String title, String report, String property, String fallback) throws IOException {
        System.out.println("\n" + title + "\n" + report);
        Path file = Path.of(System.getProperty(property, fallback)).toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
    }
}
