package io.catalog.graph.processing;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.ingest.ReadPolicy;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.storage.CatalogWriter;
import io.catalog.graph.storage.ClaimedLocation;
import io.catalog.graph.storage.LocationStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Claims locations, runs them through the {@link LocationProcessor} and commits the outcome. */
@ApplicationScoped
public class RefreshService {

    private static final Logger LOG = Logger.getLogger(RefreshService.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(10);

    private final LocationStore locations;
    private final CatalogWriter writer;
    private final LocationProcessor processor;
    private final ReadPolicy policy;
    private final CatalogConfig.Refresh settings;
    private final ExecutorService workers;
    private final DueSignal due;
    private final AtomicLong locationsWritten = new AtomicLong();

    public RefreshService(LocationStore locations, CatalogWriter writer, LocationProcessor processor, ReadPolicy policy,
                          DueSignal due, CatalogConfig config) {
        this.due = due;
        this.locations = locations;
        this.writer = writer;
        this.processor = processor;
        this.policy = policy;
        this.settings = config.refresh();
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.parallelism()), runnable -> {
            Thread thread = new Thread(runnable, "catalog-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Claims one batch of due locations and processes it; returns how many were claimed. */
    public int refreshDue() {
        List<ClaimedLocation> claimed = locations.claimDue(settings.batchSize(), settings.lease());
        List<Future<?>> running = claimed.stream().<Future<?>>map(location -> workers.submit(() -> refresh(location))).toList();
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return claimed.size();
            } catch (Exception e) {
                LOG.error("refresh worker failed", e);
            }
        }
        return claimed.size();
    }

    /**
     * Re-reads one location now. Returns false when another instance holds it; it is then made due so that
     * instance (or the next poll) reads it again right after.
     */
    public boolean refreshNow(UUID locationId) {
        var claimed = locations.claim(locationId, settings.lease());
        if (claimed.isEmpty()) {
            locations.makeDue(locationId);
            due.signal();
            return false;
        }
        refresh(claimed.get());
        return true;
    }

    /** How many location reads have written changes since start-up (unchanged and failed reads write nothing). */
    public long locationsWritten() {
        return locationsWritten.get();
    }

    /** Refreshes the database's planner statistics of the catalog tables. */
    public void analyzeTables() {
        locations.analyzeCatalogTables();
    }

    /** Re-reads the location that produced an entity; empty when the entity is unknown or orphaned. */
    public Optional<Boolean> refreshEntity(EntityRef ref) {
        return locations.locationOfEntity(ref.toString()).map(this::refreshNow);
    }

    void refresh(ClaimedLocation location) {
        Instant next = nextRefresh();
        long started = System.nanoTime();
        try {
            LocationProcessor.Result result = processor.process(location.spec(), location.origin(), policy, location.previous());
            if (result instanceof LocationProcessor.Unchanged unchanged) {
                writer.unchanged(location, unchanged.httpEtag(), next);
            } else if (result instanceof LocationProcessor.Failed failed) {
                LOG.warn(failed.error().message()); // names the location already
                writer.failed(location, failed.error(), next);
            } else if (result instanceof LocationProcessor.Processed processed) {
                long processedAt = System.nanoTime();
                writer.processed(location, processed, next);
                locationsWritten.incrementAndGet();
                if (!processed.children().isEmpty()) {
                    due.signal(); // newly declared locations are due at once
                }
                LOG.debugf("location %s: %d entities processed in %d ms, stored in %d ms", location.spec(), processed.entities().size(),
                        (processedAt - started) / 1_000_000, (System.nanoTime() - processedAt) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // Nothing it produced before is touched. Typical cause: another instance committed the same new entity
            // ref a moment earlier; the retry then sees it and reports a conflict instead.
            LOG.errorf(e, "location %s could not be processed; retrying in %s", location.spec(), RETRY_DELAY);
            try {
                locations.makeDueIn(location.id(), RETRY_DELAY);
            } catch (RuntimeException unavailable) {
                LOG.debug("retry not scheduled; the claim lease expires instead", unavailable);
            }
        }
    }

    private Instant nextRefresh() {
        Duration interval = settings.interval();
        long jitter = (long) (interval.toMillis() * settings.jitter() * ThreadLocalRandom.current().nextDouble());
        return Instant.now().plus(interval).plusMillis(jitter);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
