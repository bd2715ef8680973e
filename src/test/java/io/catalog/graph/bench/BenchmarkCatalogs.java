package io.catalog.graph.bench;

import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.testing.Sql;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The benchmarks of one run share one application, and their synthetic catalogs the same entity names: each removes
 * its catalog when done, so the next one loads into the same empty catalog instead of colliding with it.
 */
final class BenchmarkCatalogs {

    /** Part files removed per transaction: 50 × 200 entities. */
    private static final int PARTS_AT_ONCE = 50;

    private BenchmarkCatalogs() {
    }

    /** Removes the catalog registered at {@code root} with every entity it produced, waits until the graph has too, and vacuums. */
    static void remove(LocationStore locations, DataSource dataSource, Path root) {
        Sql sql = new Sql(dataSource);
        List<UUID> roots = ids(sql.column("SELECT id FROM locations WHERE type = 'file' AND target = ?", root.toString()));
        // the part files first, a few at a time: one transaction for a million entities outlasts the transaction timeout
        List<UUID> parts = ids(sql.column("SELECT id FROM locations WHERE parent_id IN"
                + " (SELECT id FROM locations WHERE type = 'file' AND target = ?)", root.toString()));
        for (int from = 0; from < parts.size(); from += PARTS_AT_ONCE) {
            locations.removeWithEntities(parts.subList(from, Math.min(parts.size(), from + PARTS_AT_ONCE)));
        }
        locations.removeWithEntities(roots);
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> sql.count("SELECT count(*) FROM graph_changes") == 0);
        // the next benchmark should not pay for this one's dead rows (autovacuum would clean them up during its load)
        sql.update("VACUUM ANALYZE");
    }

    private static List<UUID> ids(List<Object> column) {
        return column.stream().map(UUID.class::cast).toList();
    }
}
