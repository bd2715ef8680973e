package io.catalog.graph.api;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.storage.CatalogCounts;
import io.catalog.graph.storage.CatalogStatistics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The catalog's state on {@code /q/metrics}: locations by status, the refresh loop's lag and entities by kind.
 * Values come from the database, read lazily by the first gauge a scrape asks and reused until they are
 * {@code catalog.metrics.max-age} old, so a scrape costs one set of counts however many gauges it serves. When the
 * database cannot be read the gauges show NaN for that period: a scrape never fails, and never shows stale numbers
 * as if they were current.
 */
@ApplicationScoped
public class CatalogGauges implements MeterBinder {

    private static final Logger LOG = Logger.getLogger(CatalogGauges.class);

    /** What was read, and when; {@code counts} is null when the read failed. */
    private record Reading(CatalogCounts counts, long readAtNanos) {
    }

    private final CatalogStatistics statistics;
    private final long maxAgeNanos;
    private Reading last;
    private MultiGauge entitiesByKind;
    private Set<String> kindsRegistered = Set.of();

    @Inject
    public CatalogGauges(CatalogStatistics statistics, CatalogConfig config) {
        this(statistics, config.metrics().maxAge());
    }

    CatalogGauges(CatalogStatistics statistics, Duration maxAge) {
        this.statistics = statistics;
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String status : CatalogCounts.LOCATION_STATUSES) {
            gauge("catalog.locations", "Registered and declared locations by status",
                    counts -> counts.locationsByStatus().getOrDefault(status, 0L)).tag("status", status).register(registry);
        }
        gauge("catalog.refresh.lag", "How long the oldest due location has been waiting to be read; 0 when none is due",
                counts -> counts.refreshLag().toNanos() / 1e9).baseUnit("seconds").register(registry);
        gauge("catalog.entities.stale", "Marks of entities whose stitched text is out of date: reads assemble those entities until"
                + " the stitcher has caught up", counts -> (double) counts.staleMarks()).register(registry);
        entitiesByKind = MultiGauge.builder("catalog.entities").description("Entities by kind, orphans included")
                .register(registry);
    }

    /** Reads the counts once the schema is migrated, so that the first scrape already has a series per kind. */
    void prime(@Observes StartupEvent started) {
        current();
    }

    private Gauge.Builder<CatalogGauges> gauge(String name, String description,
                                               ToDoubleFunction<CatalogCounts> value) {
        return Gauge.builder(name, this, gauges -> gauges.value(value)).description(description).strongReference(true);
    }

    private double value(ToDoubleFunction<CatalogCounts> value) {
        CatalogCounts counts = current();
        return counts == null ? Double.NaN : value.applyAsDouble(counts);
    }

    /** The counts, read again when older than the maximum age; null when the database could not be read. */
    private synchronized CatalogCounts current() {
        long now = System.nanoTime();
        if (last != null && now - last.readAtNanos() < maxAgeNanos) {
            return last.counts();
        }
        CatalogCounts counts;
        try {
            counts = statistics.read();
        } catch (RuntimeException e) { // anything thrown here would fail the whole scrape, not just these gauges
            if (last == null || last.counts() != null) {
                LOG.warnf("catalog gauges show NaN until the database can be read again: %s", e.getMessage());
            }
            counts = null;
        }
        last = new Reading(counts, now);
        registerKinds(counts);
        return counts;
    }

    /**
     * Kinds come and go with the catalog: a new kind gets its series (from the next scrape on), a kind with no
     * entities left loses it. Only a change of the set re-registers; each row reads the shared counts.
     */
    private void registerKinds(CatalogCounts counts) {
        if (counts == null || entitiesByKind == null || counts.entitiesByKind().keySet().equals(kindsRegistered)) {
            return;
        }
        kindsRegistered = Set.copyOf(counts.entitiesByKind().keySet());
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (String kind : new TreeSet<>(kindsRegistered)) {
            rows.add(MultiGauge.Row.of(Tags.of("kind", kind), this,
                    gauges -> gauges.value(c -> c.entitiesByKind().getOrDefault(kind, 0L))));
        }
        entitiesByKind.register(rows, true);
    }
}
