package io.catalog.graph.graph;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.storage.GraphChangeStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * The projection on {@code /q/metrics}: {@code catalog_graph_changes_applied_total} (its rate is changes applied per
 * second), {@code catalog_graph_changes_pending}, {@code catalog_graph_projection_lag_seconds} (age of the oldest
 * pending change: the delay between a commit and the graph showing it) and
 * {@code catalog_graph_projection_failures_total}. The pending figures are read from PostgreSQL, at most once per
 * {@code catalog.metrics.max-age}; NaN while it cannot be read.
 */
// @Startup: the series exist (at 0) from the first scrape on, not from the first change applied
@Startup
@ApplicationScoped
public class ProjectionMetrics {

    private static final Logger LOG = Logger.getLogger(ProjectionMetrics.class);

    private record Reading(GraphChangeStore.PendingSummary summary, long readAtNanos) {
    }

    private final GraphChangeStore store;
    private final long maxAgeNanos;
    private final Counter applied;
    private final Counter failures;
    private Reading last;

    @Inject
    public ProjectionMetrics(MeterRegistry registry, GraphChangeStore store, CatalogConfig config) {
        this(registry, store, config.metrics().maxAge());
    }

    public ProjectionMetrics(MeterRegistry registry, GraphChangeStore store, Duration maxAge) {
        this.store = store;
        this.maxAgeNanos = maxAge.toNanos();
        applied = Counter.builder("catalog.graph.changes.applied")
                .description("Change rows applied to Neo4j and removed from the outbox").register(registry);
        failures = Counter.builder("catalog.graph.projection.failures")
                .description("Projection attempts that failed (Neo4j or PostgreSQL unavailable); each is retried").register(registry);
        gauge(registry, "catalog.graph.changes.pending", "Change rows waiting to be applied to Neo4j",
                summary -> summary.count());
        Gauge.builder("catalog.graph.projection.lag", this, m -> m.value(s -> s.oldest().toNanos() / 1e9))
                .description("Age of the oldest change not yet applied to Neo4j; 0 when none is pending")
                .baseUnit("seconds").strongReference(true).register(registry);
    }

    void applied(int changes) {
        applied.increment(changes);
    }

    void failed() {
        failures.increment();
    }

    private void gauge(MeterRegistry registry, String name, String description,
                       ToDoubleFunction<GraphChangeStore.PendingSummary> value) {
        Gauge.builder(name, this, m -> m.value(value)).description(description).strongReference(true).register(registry);
    }

    private double value(ToDoubleFunction<GraphChangeStore.PendingSummary> value) {
        GraphChangeStore.PendingSummary summary = current();
        return summary == null ? Double.NaN : value.applyAsDouble(summary);
    }

    private synchronized GraphChangeStore.PendingSummary current() {
        long now = System.nanoTime();
        if (last != null && now - last.readAtNanos() < maxAgeNanos) {
            return last.summary();
        }
        GraphChangeStore.PendingSummary summary;
        try {
            summary = store.summary();
        } catch (RuntimeException e) { // a failing gauge must not fail the whole scrape
            if (last == null || last.summary() != null) {
                LOG.warnf("graph projection gauges show NaN until the database can be read again: %s", e.getMessage());
            }
            summary = null;
        }
        last = new Reading(summary, now);
        return summary;
    }
}
