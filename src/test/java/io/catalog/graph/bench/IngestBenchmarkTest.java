package io.catalog.graph.bench;

import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

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
    @Inject
    LocationStore locations;

    @TestHTTPResource("/")
    URL base;

    @Test
    void ingestRefreshAndChange() throws Exception {
        int entities = Integer.getInteger("bench.entities", 10_000);
        long seed = Long.getLong("bench.seed", 42L);
        Workspace ws = Workspace.create("bench");
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(ws.root(), entities, seed);
        Path root = ws.root().resolve("catalog-info.yaml");
        String origin = "file:" + root;
        AtomicLong heapInUse = sampleHeap();

        long start = System.nanoTime();
        long ingestStart = start;
        CatalogApi.register("file", root.toString());
        awaitAllRead(origin, summary.files(), entities + 1);
        double ingestSeconds = seconds(start);
        // the projection runs alongside the ingest; this is when Neo4j has all of it too (NaN: projector switched off,
        // -Dbench.jvm.args=-Dcatalog.graph.projector-enabled=false, to measure the outbox's cost alone)
        double graphSeconds = Double.NaN;
        double consistencySeconds = Double.NaN;
        if (ConfigProvider.getConfig().getOptionalValue("catalog.graph.projector-enabled", Boolean.class).orElse(true)) {
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                    "0".equals(scalar("SELECT count(*) FROM graph_changes", null)));
            graphSeconds = seconds(start);
            // printed now: a long run that fails later keeps its main figures
            System.out.printf(Locale.ROOT, "INGEST %d entities: %.1f s into PostgreSQL, graph caught up at %.1f s%n",
                    entities, ingestSeconds, graphSeconds);
            // outbox empty is not enough for the "graph consistent at the end": both stores counted and sampled
            start = System.nanoTime();
            CatalogApi.awaitGraphConsistent(Duration.ofMinutes(10));
            consistencySeconds = seconds(start);
        }

        // from here every entity is served from its stitched text; before, reads assembled the stale ones (V14)
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                "0".equals(scalar("SELECT count(*) FROM stale_entities", null)));
        double stitchedSeconds = seconds(ingestStart);

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

        String reads = readLatencies(scalar("SELECT name FROM entities WHERE kind = 'component' ORDER BY entity_ref LIMIT 1", null),
                scalar("SELECT body->'spec'->>'system' FROM entities WHERE kind = 'component' AND body->'spec'->>'system' IS NOT NULL"
                        + " ORDER BY entity_ref LIMIT 1", null));

        // on disk, indexes and TOAST included, after the re-refresh and the change (Backstage: 1.9 GiB at 100k)
        long databaseBytes = Long.parseLong(scalar("SELECT pg_database_size(current_database())", null));
        long peakHeap = heapInUse.get();
        long maxHeap = Runtime.getRuntime().maxMemory();
        String report = String.format(Locale.ROOT, """
                | entities | files | full ingest | entities/s | graph caught up | consistency check | all entities stitched | unchanged re-refresh | entities rewritten | one file changed | peak heap (max %d MiB) | database on disk |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                | %d | %d | %.1f s | %.0f | %.1f s | %.1f s | %.1f s | %.2f s | %d | %.2f s | %d MiB | %d MiB |
                """, maxHeap >> 20, entities, summary.files(), ingestSeconds, entities / ingestSeconds, graphSeconds, consistencySeconds,
                stitchedSeconds, refreshSeconds, entitiesRewritten, changeSeconds, peakHeap >> 20, databaseBytes >> 20);
        report = report + "\n" + reads;
        BenchmarkReport.publish("BENCHMARK", report, "bench.output", "target/benchmark-results.md");
        String ingest = "ingest (one instance)";
        BenchmarkSummary.add(ingest, "full ingest into PostgreSQL", secondsText(ingestSeconds), "");
        BenchmarkSummary.add(ingest, "full ingest, graph caught up", secondsText(graphSeconds), "≤ 60 s at 100k, ≤ 10 min at 1M");
        BenchmarkSummary.add(ingest, "then /api/graph/consistency says consistent", secondsText(consistencySeconds), "");
        BenchmarkSummary.add(ingest, "every entity stitched (reads serve stored text)", secondsText(stitchedSeconds), "");
        BenchmarkSummary.add(ingest, "unchanged re-refresh", secondsText(refreshSeconds), "≤ 10 s at 100k, ≤ 60 s at 1M");
        BenchmarkSummary.add(ingest, "one file changed, served", secondsText(changeSeconds), "");
        BenchmarkSummary.add(ingest, "peak heap", (peakHeap >> 20) + " MiB of " + (maxHeap >> 20), "≤ 1 GiB at 100k, ≤ 2 GiB at 1M");
        BenchmarkSummary.add(ingest, "database on disk", (databaseBytes >> 20) + " MiB", "Backstage: 1.9 GiB at 100k");

        assertThat(entitiesRewritten).isZero();
        assertThat(Long.parseLong(scalar("SELECT count(*) FROM locations WHERE origin = '" + origin + "' AND status <> 'ok'", null))).isZero();
        BenchmarkCatalogs.remove(locations, dataSource, root);
    }

    /** Latency percentiles of the reads portals and Argo CD make, over real HTTP (JDK client), after a warm-up. */
    private String readLatencies(String someComponent, String someSystem) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String byName = "api/catalog/entities/by-name/component/default/" + someComponent;
        String list = "api/catalog/entities?filter=kind%3Dcomponent%2Cspec.type%3Dservice&limit=100&order=asc%3Ametadata.name";
        String facets = "api/catalog/entity-facets?facet=spec.type&facet=kind&facet=spec.lifecycle";
        String query = "api/catalog/entities/by-query?filter=kind%3Dapi&limit=100&orderField=metadata.name%2Casc";
        StringBuilder table = new StringBuilder("| read | requests | p50 | p99 |\n|---|---|---|---|\n");
        for (String[] read : new String[][] {{"GET entity by name", byName, "2000"}, {"GET list page (100, filtered, ordered)", list, "200"},
                {"GET by-query page (100, with total)", query, "200"}, {"GET facets (3 fields)", facets, "200"}}) {
            HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve(read[1])).GET().build();
            table.append(latencyRow(http, read[0], request, Integer.parseInt(read[2])));
        }
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(plugin("kind=component,spec.type=service"), HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - start) / 1e6;
        assertThat(answer.statusCode()).isEqualTo(200);
        table.append(String.format(Locale.ROOT, "| ApplicationSet plugin: every service (%d parameter sets) | 1 | %.0f ms | |%n",
                parameterSets(answer), millis));
        // the list an ApplicationSet per system asks for (issue #9 item 4's "typical per-system list")
        HttpRequest perSystem = plugin("kind=component,spec.system=" + someSystem);
        int sets = parameterSets(http.send(perSystem, HttpResponse.BodyHandlers.ofString()));
        table.append(latencyRow(http, "ApplicationSet plugin: the components of one system (" + sets + " parameter sets)", perSystem, 200));
        return table.toString();
    }

    /** One row of the reads table: {@code request} answered 200, then sent {@code n} times after 100 warm-up calls. */
    private static String latencyRow(HttpClient http, String label, HttpRequest request, int n) throws Exception {
        assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).as(label).isEqualTo(200);
        Latencies latencies = Latencies.measure(http, request, 100, n);
        return String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms |%n", label, n, latencies.p50Millis(), latencies.p99Millis());
    }

    private HttpRequest plugin(String filter) throws Exception {
        return HttpRequest.newBuilder(base.toURI().resolve("api/v1/getparams.execute"))
                .header("Authorization", "Bearer test-argocd-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"applicationSetName\":\"bench\",\"input\":{\"parameters\":"
                        + "{\"filter\":\"" + filter + "\",\"fields\":[\"name\",\"owner\",\"repoUrl\"]}}}")).build();
    }

    private static int parameterSets(HttpResponse<String> answer) {
        return answer.body().split("\"repoUrl\"", -1).length - 1;
    }

    private void awaitAllRead(String origin, int files, int expectedEntities) {
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                Integer.parseInt(scalar("SELECT count(*) FROM locations WHERE origin = '" + origin + "' AND status <> 'pending'", null)) == files
                        && Integer.parseInt(scalar("SELECT count(*) FROM entities WHERE body->'metadata'->'annotations'->>'backstage.io/managed-by-origin-location' = '" + origin + "'", null)) >= expectedEntities);
    }

    private static String secondsText(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Samples the heap in use every 50 ms from now on. The pools' own peaks cannot be added up: the young
     * generation peaks just before each collection and the old one later, so their sum overstates the heap.
     */
    private static AtomicLong sampleHeap() {
        System.gc();
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (true) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50); // a sampling period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        return peak;
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
