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
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads under load, as a portal's worth of users makes them: {@code -Dbench.clients} (8) clients, each asking the
 * five reads of the table in turn over real HTTP, first on an idle catalog of {@code -Dbench.entities} entities, then
 * while every file of it is read again with every description changed (a full re-ingest of changed files; with
 * {@code -Dbench.changed-share=0.1}, a tenth of the files changed and the rest re-read unchanged). Reports
 * p50/p99 per read in both phases (stdout "READ LOAD BENCHMARK" and {@code target/read-load-benchmark-results.md}).
 * The clients run in the application's JVM and share its two cores. Run: {@code ./mvnw -B verify -Pbenchmark
 * -Dbench.entities=100000 -Dtest=ReadLoadBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
@Tag("benchmark")
class ReadLoadBenchmarkTest {

    private static final Duration LONG = Duration.ofMinutes(30);

    /** One kind of read: its name in the table, its path, and the p99 target in milliseconds. */
    private record Read(String name, String path, double targetMillis) {
    }

    /** One answered request: which read (index into the reads) and how long it took. */
    private record Sample(int read, long nanos) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    LocationStore locations;

    @TestHTTPResource("/")
    URL base;

    @Test
    void readsIdleAndDuringAReIngest() throws Exception {
        int entities = Integer.getInteger("bench.entities", 10_000);
        int clients = Integer.getInteger("bench.clients", 8);
        int rounds = Integer.getInteger("bench.rounds", 150);
        // at 1M a re-ingest of every file under read load takes the better part of an hour: a share of the files
        // changed (the rest re-read unchanged) keeps the run bounded
        double changedShare = Double.parseDouble(System.getProperty("bench.changed-share", "1"));
        Workspace ws = Workspace.create("read-load-bench");
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(ws.root(), entities, Long.getLong("bench.seed", 42L));
        Path root = ws.root().resolve("catalog-info.yaml");
        String origin = "file:" + root;
        CatalogApi.register("file", root.toString());
        await().atMost(LONG).pollInterval(Duration.ofMillis(200)).until(() ->
                count("SELECT count(*) FROM locations WHERE origin = '" + origin + "' AND status = 'pending'") == 0
                        && count("SELECT count(*) FROM locations WHERE origin = '" + origin + "'") == summary.files()
                        && count("SELECT count(*) FROM graph_changes") == 0
                        // idle means settled: every entity stitched, as a catalog is a minute after its load
                        && count("SELECT count(*) FROM stale_entities") == 0);

        String component = text("SELECT name FROM entities WHERE kind = 'component' ORDER BY entity_ref LIMIT 1");
        List<Read> reads = List.of(
                new Read("GET entity by name", "api/catalog/entities/by-name/component/default/" + component, 5),
                new Read("GET list page (100, filtered, ordered)",
                        "api/catalog/entities?filter=kind%3Dcomponent%2Cspec.type%3Dservice&limit=100&order=asc%3Ametadata.name", 50),
                new Read("GET by-query page (100, with totalItems)",
                        "api/catalog/entities/by-query?filter=kind%3Dapi&limit=100&orderField=metadata.name%2Casc", 50),
                new Read("GET facets (3 fields, whole catalog)", "api/catalog/entity-facets?facet=spec.type&facet=kind&facet=spec.lifecycle", 100),
                new Read("GET graph dependents, depth 6", "api/graph/entities/component/default/" + component + "/dependents?depth=6", 50));
        HttpClient http = HttpClient.newHttpClient();

        load(http, reads, clients, 20, () -> false); // warm-up
        List<Sample> idle = load(http, reads, clients, rounds, () -> false);

        // every description of every file (or of the share asked for) changed, every location due: the refresh loop
        // reads it all again
        String mark = text("SELECT now()::text");
        int changedFiles = (int) Math.ceil((summary.files() - 1) * Math.min(1, Math.max(0, changedShare)));
        for (int file = 0; file < changedFiles; file++) {
            Path part = SyntheticCatalog.touch(ws.root(), file);
            Files.writeString(part, Files.readString(part).replace("\n  description: ", "\n  description: changed "));
        }
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE locations SET next_refresh_at = now() WHERE origin = ?")) {
            s.setString(1, origin);
            s.executeUpdate();
        }
        BooleanSupplier reIngested = () -> count("SELECT count(*) FROM locations WHERE origin = '" + origin
                + "' AND (last_read_at IS NULL OR last_read_at < '" + mark + "'::timestamptz)") == 0;
        List<Sample> busy = load(http, reads, clients, Integer.MAX_VALUE, reIngested);
        double reIngestSeconds = (System.nanoTime() - start) / 1e9;
        await().atMost(LONG).pollInterval(Duration.ofMillis(200)).until(reIngested::getAsBoolean);
        long rewritten = count("SELECT count(*) FROM entities WHERE updated_at > '" + mark + "'::timestamptz");

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%d entities, %d clients; re-ingest of every file, every description changed in %d of %d files: %.1f s, %d entities rewritten%n%n",
                entities, clients, changedFiles, summary.files() - 1, reIngestSeconds, rewritten));
        table.append("| read | idle: requests | idle: p50 | idle: p99 | re-ingest: requests | re-ingest: p50 | re-ingest: p99 | p99 target |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < reads.size(); i++) {
            long[] quiet = nanos(idle, i);
            long[] loaded = nanos(busy, i);
            table.append(String.format(Locale.ROOT, "| %s | %d | %.1f ms | %.1f ms | %d | %s | %s | %.0f ms |%n", reads.get(i).name(),
                    quiet.length, percentile(quiet, 0.5), percentile(quiet, 0.99), loaded.length,
                    loaded.length == 0 ? "—" : String.format(Locale.ROOT, "%.1f ms", percentile(loaded, 0.5)),
                    loaded.length == 0 ? "—" : String.format(Locale.ROOT, "%.1f ms", percentile(loaded, 0.99)),
                    reads.get(i).targetMillis()));
            BenchmarkSummary.add("reads, " + clients + " clients", reads.get(i).name(), String.format(Locale.ROOT,
                    "p99 %.1f ms idle, %s during re-ingest", percentile(quiet, 0.99),
                    loaded.length == 0 ? "—" : String.format(Locale.ROOT, "%.1f ms", percentile(loaded, 0.99))),
                    String.format(Locale.ROOT, "p99 ≤ %.0f ms", reads.get(i).targetMillis()));
        }
        BenchmarkSummary.add("reads, " + clients + " clients", "re-ingest of every file (" + changedFiles + " changed), under read load",
                String.format(Locale.ROOT, "%.1f s", reIngestSeconds), "");
        BenchmarkReport.publish("READ LOAD BENCHMARK", table.toString(), "bench.read-output", "target/read-load-benchmark-results.md");

        assertThat(rewritten).isGreaterThanOrEqualTo((long) entities * changedFiles / Math.max(1, summary.files() - 1) / 2);
        BenchmarkCatalogs.remove(locations, dataSource, root);
    }

    /**
     * {@code clients} clients, each asking every read in turn (starting at a different one), {@code rounds} times or
     * until {@code done} says so; every answer must be a 200.
     */
    private List<Sample> load(HttpClient http, List<Read> reads, int clients, int rounds, BooleanSupplier done) throws Exception {
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c;
                running.add(pool.submit(() -> {
                    for (int round = 0; round < rounds && !stop.get(); round++) {
                        for (int k = 0; k < reads.size(); k++) {
                            int read = (first + k) % reads.size();
                            HttpRequest request = HttpRequest.newBuilder(URI.create(base + reads.get(read).path())).GET().build();
                            long started = System.nanoTime();
                            HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            samples.add(new Sample(read, System.nanoTime() - started));
                            assertThat(answer.statusCode()).as(reads.get(read).path()).isEqualTo(200);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                while (true) {
                    if (done.getAsBoolean()) {
                        stop.set(true);
                    }
                    try {
                        client.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        // still running: look at done again
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(samples);
    }

    private static long[] nanos(List<Sample> samples, int read) {
        return samples.stream().filter(s -> s.read() == read).mapToLong(Sample::nanos).sorted().toArray();
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private long count(String sql) {
        return Long.parseLong(text(sql));
    }

    private String text(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
