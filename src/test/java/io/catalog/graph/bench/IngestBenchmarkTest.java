package io.catalog.graph.bench;

import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ingest benchmark: a synthetic catalog of {@code -Dbench.entities} entities written as files, registered as one
 * location, ingested by the refresh loop; then an unchanged re-refresh and a one-file change. Not a test of
 * speed: it reports figures (stdout and target/benchmark-results.md) and checks only that the catalog is complete.
 * Run: {@code ./mvnw -B verify -Pbenchmark -Dbench.entities=100000}.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
@Tag("benchmark")
class IngestBenchmarkTest {

    @Inject
    DataSource dataSource;

    @Test
    void ingestRefreshAndChange() throws Exception {
        int entities = Integer.getInteger("bench.entities", 10_000);
        long seed = Long.getLong("bench.seed", 42L);
        Workspace ws = Workspace.create("bench");
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(ws.root(), entities, seed);
        Path root = ws.root().resolve("catalog-info.yaml");
        String origin = "file:" + root;
        resetPeakHeap();

        long start = System.nanoTime();
        CatalogApi.register("file", root.toString());
        awaitAllRead(origin, summary.files(), entities + 1);
        double ingestSeconds = seconds(start);

        String mark = scalar("SELECT now()::text", null);
        execute("UPDATE locations SET next_refresh_at = now() WHERE origin = ?", origin);
        start = System.nanoTime();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                "0".equals(scalar("SELECT count(*) FROM locations WHERE origin = '" + origin + "' AND (last_read_at IS NULL OR last_read_at < '" + mark + "'::timestamptz)", null)));
        double refreshSeconds = seconds(start);
        long entitiesRewritten = Long.parseLong(scalar("SELECT count(*) FROM entities WHERE updated_at > '" + mark + "'::timestamptz", null));

        Path touched = SyntheticCatalog.touch(ws.root(), 0);
        String touchedRef = Files.readAllLines(touched).stream().filter(l -> l.startsWith("  name: ")).findFirst().orElseThrow()
                .substring("  name: ".length());
        String beforeChange = scalar("SELECT now()::text", null);
        start = System.nanoTime();
        execute("UPDATE locations SET next_refresh_at = now() WHERE target = ?", touched.toString());
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                !"0".equals(scalar("SELECT count(*) FROM entities WHERE name = ? AND updated_at > '" + beforeChange + "'::timestamptz", touchedRef)));
        double changeSeconds = seconds(start);

        long peakHeap = peakHeap();
        long maxHeap = Runtime.getRuntime().maxMemory();
        String report = String.format(Locale.ROOT, """
                | entities | files | full ingest | entities/s | unchanged re-refresh | entities rewritten | one file changed | peak heap (max %d MiB) |
                |---|---|---|---|---|---|---|---|
                | %d | %d | %.1f s | %.0f | %.2f s | %d | %.2f s | %d MiB |
                """, maxHeap >> 20, entities, summary.files(), ingestSeconds, entities / ingestSeconds, refreshSeconds, entitiesRewritten,
                changeSeconds, peakHeap >> 20);
        System.out.println("\nBENCHMARK\n" + report);
        Files.writeString(Path.of("target", "benchmark-results.md"), report);

        assertThat(entitiesRewritten).isZero();
        assertThat(Long.parseLong(scalar("SELECT count(*) FROM locations WHERE origin = '" + origin + "' AND status <> 'ok'", null))).isZero();
    }

    private void awaitAllRead(String origin, int files, int expectedEntities) {
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                Integer.parseInt(scalar("SELECT count(*) FROM locations WHERE origin = '" + origin + "' AND status <> 'pending'", null)) == files
                        && Integer.parseInt(scalar("SELECT count(*) FROM entities WHERE body->'metadata'->'annotations'->>'backstage.io/managed-by-origin-location' = '" + origin + "'", null)) >= expectedEntities);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void resetPeakHeap() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private void execute(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            s.executeUpdate();
        }
    }

    private String scalar(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
