package io.catalog.graph.processing;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.app.LoopThread;
import io.catalog.graph.storage.FacetCounts;
import io.catalog.graph.storage.StorageException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The loop every instance runs: drain the locations that are due, then sleep until the next poll or until
 * the {@link DueSignal} says something became due (new child locations, a refresh that found its location busy,
 * later a webhook). The database decides what is due; the signal only shortens the wait.
 */
@ApplicationScoped
public class RefreshLoop {

    private static final Logger LOG = Logger.getLogger(RefreshLoop.class);
    /** A drain that wrote this many locations changed the tables enough to deserve fresh planner statistics. */
    private static final int ANALYZE_AFTER_LOCATIONS = 50;
    /** How often a long drain folds the facet deltas it wrote (storage.FacetCounts). */
    private static final Duration FOLD_EVERY = Duration.ofSeconds(1);

    private final RefreshService refresh;
    private final FacetCounts facets;
    private final Duration pollInterval;
    private final Duration initialDelay;
    private final DueSignal due;
    private final CatalogReadiness readiness;
    private final LoopThread worker = new LoopThread("catalog-refresh-loop");

    public RefreshLoop(RefreshService refresh, DueSignal due, CatalogReadiness readiness, FacetCounts facets, CatalogConfig config) {
        this.refresh = refresh;
        this.facets = facets;
        this.due = due;
        this.readiness = readiness;
        this.pollInterval = config.refresh().pollInterval();
        this.initialDelay = config.refresh().initialDelay();
    }

    /** Starts after configured locations are registered (their observer has the default, earlier priority). */
    void start(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 100) StartupEvent started) {
        worker.start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        worker.stop();
    }

    /** The loop's thread is running (it only ends on shutdown: every failure of a pass is caught and retried). */
    public boolean alive() {
        return worker.alive();
    }

    /** A failed fold only delays the next one: the deltas stay, and facet reads count them meanwhile. */
    private void foldFacets() {
        try {
            facets.fold();
        } catch (StorageException e) {
            LOG.warn("cannot fold the facet counts; retrying at the next pass", e);
        }
    }

    private void run() {
        try {
            Thread.sleep(initialDelay.toMillis());
            while (worker.running()) {
                try {
                    long writtenBefore = refresh.locationsWritten();
                    long folded = System.nanoTime();
                    while (worker.running() && refresh.refreshDue() > 0) {
                        // keep draining: a first load or a burst of changes should not wait a poll interval per batch;
                        // the facet deltas it leaves are folded as it goes, so facet reads stay cheap meanwhile
                        if (System.nanoTime() - folded > FOLD_EVERY.toNanos()) {
                            foldFacets();
                            folded = System.nanoTime();
                        }
                    }
                    refresh.awaitIdle();
                    foldFacets();
                    readiness.drained();
                    if (refresh.locationsWritten() - writtenBefore >= ANALYZE_AFTER_LOCATIONS) {
                        // fresh planner statistics right after a large load, not whenever autovacuum gets to it
                        refresh.analyzeTables();
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Throwable e) { // an Error as well: one bad pass must not end the loop for good
                    LOG.warn("refresh pass failed; retrying at the next poll", e);
                }
                due.await(pollInterval);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
