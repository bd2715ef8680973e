package io.catalog.graph.bench;

import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.neo4j.driver.Driver;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graph benchmark: a synthetic catalog of {@code -Dbench.entities} entities ingested into PostgreSQL and Neo4j (end
 * to end: until {@code /api/graph/consistency} says consistent), a rebuild, the projection lag after a 1,000-entity
 * change, and the latency of each graph route. Reports figures (stdout and {@code target/graph-benchmark-results.md});
 * checks only that the graph ends consistent. Run: {@code ./mvnw -B verify -Pbenchmark -Dbench.entities=100000
 * -Dtest=GraphBenchmarkTest}.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
@Tag("benchmark")
class GraphBenchmarkTest {

    private static final Duration LONG = Duration.ofMinutes(30);

    @Inject
    DataSource dataSource;
    @Inject
    LocationStore locations;

    @Inject
    Driver neo4j;

    @TestHTTPResource("/")
    URL base;

    @Test
    void ingestRebuildChangeAndQueries() throws Exception {
        int entities = Integer.getInteger("bench.entities", 10_000);
        Workspace ws = Workspace.create("graph-bench");
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(ws.root(), entities, Long.getLong("bench.seed", 42L));
        Path root = ws.root().resolve("catalog-info.yaml");
        String origin = "file:" + root;

        long start = System.nanoTime();
        CatalogApi.register("file", root.toString());
        await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() ->
                Long.parseLong(scalar("SELECT count(*) FROM locations WHERE origin = '" + origin + "' AND status = 'pending'")) == 0
                        && Long.parseLong(scalar("SELECT count(*) FROM locations WHERE origin = '" + origin + "'")) == summary.files());
        double postgresSeconds = seconds(start);
        awaitCaughtUp();
        double graphSeconds = seconds(start);
        CatalogApi.awaitGraphConsistent(LONG);
        JsonPath counts = consistency();

        start = System.nanoTime();
        given().post("/api/graph/rebuild").then().statusCode(202);
        // the rebuild empties the graph first, then projects every entity: done when the node count is back
        long nodes = graphNodes();
        await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> graphNodes() < nodes);
        await().atMost(LONG).pollInterval(Duration.ofMillis(100)).until(() -> graphNodes() == nodes);
        double rebuildSeconds = seconds(start);
        CatalogApi.awaitGraphConsistent(LONG);

        // 1,000 entities changed: every description in five part files
        String mark = scalar("SELECT now()::text");
        List<String> targets = new ArrayList<>();
        for (int file = 0; file < 5; file++) {
            Path part = SyntheticCatalog.touch(ws.root(), file);
            Files.writeString(part, Files.readString(part).replace("\n  description: ", "\n  description: changed "));
            targets.add(part.toString());
        }
        start = System.nanoTime();
        for (String target : targets) {
            execute("UPDATE locations SET next_refresh_at = now() WHERE target = ?", target);
        }
        await().atMost(LONG).pollInterval(Duration.ofMillis(10)).until(() ->
                Long.parseLong(scalar("SELECT count(*) FROM locations WHERE target IN (" + quoted(targets) + ") AND last_read_at > '" + mark + "'::timestamptz")) == targets.size());
        double committedSeconds = seconds(start);
        long changed = Long.parseLong(scalar("SELECT count(*) FROM entities WHERE updated_at > '" + mark + "'::timestamptz"));
        awaitCaughtUp();
        double changeSeconds = seconds(start);
        CatalogApi.awaitGraphConsistent(LONG);

        String report = String.format(Locale.ROOT, """
                | entities | nodes (Neo4j) | full ingest: PostgreSQL | full ingest: graph consistent | rebuild | %d entities changed: committed | graph consistent | projection lag |
                |---|---|---|---|---|---|---|---|
                | %d | %s | %.1f s | %.1f s | %.1f s | %.2f s | %.2f s | %.2f s |
                """, changed, entities, counts.getMap("neo4j.kinds").values().stream().mapToLong(v -> ((Number) v).longValue()).sum(),
                postgresSeconds, graphSeconds, rebuildSeconds, committedSeconds, changeSeconds, changeSeconds - committedSeconds);
        report = report + "\n" + routeLatencies();
        BenchmarkReport.publish("GRAPH BENCHMARK", report, "bench.graph-output", "target/graph-benchmark-results.md");
        BenchmarkSummary.add("graph", "full ingest, graph consistent", String.format(Locale.ROOT, "%.1f s", graphSeconds), "≤ 60 s at 100k");
        BenchmarkSummary.add("graph", "rebuild from PostgreSQL", String.format(Locale.ROOT, "%.1f s", rebuildSeconds), "");
        BenchmarkSummary.add("graph", "projection lag after " + changed + " changes", String.format(Locale.ROOT, "%.2f s", changeSeconds - committedSeconds), "");

        CatalogApi.awaitGraphConsistent(LONG);
        assertThat(changed).isGreaterThanOrEqualTo(900);
        BenchmarkCatalogs.remove(locations, dataSource, root);
    }

    /** p50/p99 of each graph route over real HTTP after a warm-up, with how many items each answer held. */
    private String routeLatencies() throws Exception {
        String depended = scalar("SELECT source_ref FROM relations WHERE type = 'dependencyOf' GROUP BY source_ref ORDER BY count(*) DESC, source_ref LIMIT 1");
        String component = scalar("SELECT entity_ref FROM entities WHERE kind = 'component' ORDER BY entity_ref LIMIT 1");
        String department = scalar("SELECT source_ref FROM relations WHERE type = 'parentOf' GROUP BY source_ref ORDER BY count(*) DESC, source_ref LIMIT 1");
        String user = scalar("SELECT entity_ref FROM entities WHERE kind = 'user' ORDER BY entity_ref LIMIT 1");
        String owner = scalar("SELECT target_ref FROM relations WHERE type = 'ownedBy' AND source_ref = '" + component + "' LIMIT 1");
        String[][] routes = {
                {"dependents, depth 6, most depended-on entity", path(depended) + "/dependents?depth=6&limit=100000", "items"},
                {"dependents, depth 6, a component", path(component) + "/dependents?depth=6&limit=100000", "items"},
                {"dependencies, depth 6, a component", path(component) + "/dependencies?depth=6&limit=100000", "items"},
                {"ownership", path(component) + "/ownership", "owners"},
                {"owned, largest department", path(department) + "/owned?limit=100000", "items"},
                {"groups of a user", path(user) + "/groups", "items"},
                {"blast radius, depth 3, most depended-on entity", path(depended) + "/blast-radius?depth=3", "byOwner"},
                {"path component → owner", "api/graph/path?from=" + encode(component) + "&to=" + encode(owner), "path"},
                {"neighbourhood, depth 2", path(component) + "/neighbourhood?depth=2", "nodes"},
        };
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder table = new StringBuilder("| graph route | requests | items in answer | p50 | p99 |\n|---|---|---|---|---|\n");
        for (String[] route : routes) {
            HttpRequest request = HttpRequest.newBuilder(base.toURI().resolve(route[1])).GET().build();
            HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).as(route[1]).isEqualTo(200);
            int items = new JsonPath(first.body()).getList(route[2]).size();
            Latencies latencies = Latencies.measure(http, request, 50, 300);
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f ms | %.1f ms |%n", route[0], latencies.requests(), items,
                    latencies.p50Millis(), latencies.p99Millis()));
            BenchmarkSummary.add("graph (one client)", route[0] + " (" + items + (items == 1 ? " item)" : " items)"), String.format(Locale.ROOT,
                    "p50 %.1f ms, p99 %.1f ms", latencies.p50Millis(), latencies.p99Millis()), route[0].startsWith("dependents") ? "p99 ≤ 50 ms" : "");
        }
        return table.toString();
    }

    /** Every committed change applied: the outbox is empty (read in SQL, so polling costs the stores nothing). */
    private void awaitCaughtUp() {
        await().atMost(LONG).pollInterval(Duration.ofMillis(50)).until(() -> "0".equals(scalar("SELECT count(*) FROM graph_changes")));
    }

    private long graphNodes() {
        return neo4j.executableQuery("MATCH (e:Entity) RETURN count(e) AS n").execute().records().get(0).get("n").asLong();
    }

    private static JsonPath consistency() {
        return given().get("/api/graph/consistency").then().statusCode(200).extract().jsonPath();
    }

    private static String path(String ref) {
        String[] kindAndRest = ref.split(":", 2);
        String[] namespaceAndName = kindAndRest[1].split("/", 2);
        return "api/graph/entities/" + kindAndRest[0] + "/" + namespaceAndName[0] + "/" + namespaceAndName[1];
    }

    private static String encode(String ref) {
        return URLEncoder.encode(ref, StandardCharsets.UTF_8);
    }

    private static String quoted(List<String> values) {
        return String.join(",", values.stream().map(v -> "'" + v.replace("'", "''") + "'").toList());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void execute(String sql, String parameter) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            s.executeUpdate();
        }
    }

    private String scalar(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
