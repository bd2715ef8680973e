package io.catalog.graph.bench;

import io.catalog.graph.testing.Metrics;
import io.catalog.graph.testing.Replica;
import io.catalog.graph.testing.ReplicaSet;
import io.catalog.graph.testing.Sql;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first load of a synthetic catalog of {@code -Dbench.entities} entities by 1, 2 and 3 replicas (each run fresh:
 * its own PostgreSQL and Neo4j, packaged instances in processes of their own, prod settings), timed until PostgreSQL
 * holds every entity and until the graph has caught up; the reads each replica made are counted, and none may be a
 * second read of a location. Runs after {@code package}, only when asked for:
 * {@code ./mvnw -B verify -Pbenchmark -Dbench.entities=100000 -Dbench.replicas=1,2,3 -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.replica-heap=1g}, {@code -Dbench.replica-settings=key=value,...} for every instance).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "bench.replicas", matches = "[0-9, ]+")
class ReplicaBenchmarkIT {

    @TempDir
    Path catalog;

    @Test
    void firstLoadWithOneTwoAndThreeReplicas() throws Exception {
        int entities = Integer.getInteger("bench.entities", 10_000);
        String heap = System.getProperty("bench.replica-heap", "1g");
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(catalog, entities, Long.getLong("bench.seed", 42L));
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "| replicas | entities | locations | full ingest | entities/s | graph caught up | location reads (each replica) | read twice"
                        + " | worker time: read and process / commit |%n"
                        + "|---|---|---|---|---|---|---|---|---|%n"));
        List<Long> twice = new ArrayList<>();
        for (String count : System.getProperty("bench.replicas").split(",")) {
            int replicas = Integer.parseInt(count.trim());
            try (ReplicaSet set = ReplicaSet.start(replicas, catalog, heap, settings())) {
                Sql sql = set.sql();
                long start = System.nanoTime();
                set.replica(0).registerFile(catalog.resolve("catalog-info.yaml"));
                set.awaitLoaded(summary.files(), summary.entities() + 1, Duration.ofMinutes(60));
                double ingest = (System.nanoTime() - start) / 1e9;
                await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                        sql.count("SELECT count(*) FROM graph_changes") == 0);
                double graph = (System.nanoTime() - start) / 1e9;

                List<String> shares = new ArrayList<>();
                long reads = 0;
                double processing = 0;
                double committing = 0;
                for (Replica replica : set.replicas()) {
                    long read = replica.locationReads();
                    shares.add(String.valueOf(read));
                    reads += read;
                    // summed over every worker of every instance: where a first load's time goes (issue #9, item 1)
                    Metrics metrics = replica.metrics();
                    processing += metrics.sum("catalog_location_refresh_phase_seconds_sum", "phase", "read-and-process");
                    committing += metrics.sum("catalog_location_refresh_phase_seconds_sum", "phase", "commit");
                }
                twice.add(reads - summary.files());
                table.append(String.format(Locale.ROOT, "| %d | %d | %d | %.1f s | %.0f | %.1f s | %d (%s) | %d | %.1f s / %.1f s |%n",
                        replicas, summary.entities(), summary.files(), ingest, summary.entities() / ingest, graph, reads,
                        String.join(" + ", shares), reads - summary.files(), processing, committing));
                BenchmarkSummary.add("replicas", replicas + (replicas == 1 ? " instance" : " instances") + ": full ingest / graph caught up",
                        String.format(Locale.ROOT, "%.1f s / %.1f s, %d locations read twice", ingest, graph, reads - summary.files()),
                        "none read twice");
            }
        }
        BenchmarkReport.publish("REPLICAS " + settings(), table.toString(), "bench.replicas-output", "target/benchmark-replicas.md");
        assertThat(twice).as("locations read twice, per run").containsOnly(0L);
    }

    /** Settings for every instance, {@code -Dbench.replica-settings=catalog.refresh.parallelism=4,key=value}. */
    private static Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        for (String pair : System.getProperty("bench.replica-settings", "").split(",")) {
            if (pair.contains("=")) {
                settings.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        return settings;
    }
}
