package io.catalog.graph.graph;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.app.LoopThread;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The projector's own thread: a pass, then a wait for the poll interval or a wake-up (an entity-change event, a
 * rebuild request). When a pass fails (Neo4j or PostgreSQL unreachable) it logs once, waits longer each time up to
 * {@code catalog.graph.max-backoff}, and logs again when a pass succeeds; change rows accumulate meanwhile and are
 * applied on recovery. Nothing here runs at start-up on the caller's thread, so the service starts (and serves,
 * and ingests) whatever state Neo4j is in.
 */
@ApplicationScoped
public class ProjectionLoop {

    private static final Logger LOG = Logger.getLogger(ProjectionLoop.class);
    private static final Object WAKE = new Object();

    private final GraphProjector projector;
    private final ProjectionMetrics metrics;
    private final boolean enabled;
    private final Duration pollInterval;
    private final Duration maxBackoff;
    private final BlockingQueue<Object> wakeUps = new ArrayBlockingQueue<>(1);
    private final AtomicLong rebuildsRequested = new AtomicLong();
    private final AtomicLong rebuildsDone = new AtomicLong();
    private volatile boolean failing;
    private volatile boolean projecting;
    private final LoopThread worker = new LoopThread("graph-projector");

    public ProjectionLoop(GraphProjector projector, ProjectionMetrics metrics, CatalogConfig config) {
        this.projector = projector;
        this.metrics = metrics;
        this.enabled = config.graph().projectorEnabled();
        this.pollInterval = config.graph().pollInterval();
        this.maxBackoff = config.graph().maxBackoff();
    }

    void start(@Observes StartupEvent started) {
        if (!enabled) {
            LOG.info("graph projector disabled on this instance (catalog.graph.projector-enabled=false)");
            return;
        }
        worker.start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        worker.stop();
    }

    /** Something changed: project now rather than at the next poll. Cheap, never blocks, may be called from any thread. */
    public void wake() {
        wakeUps.offer(WAKE);
    }

    /**
     * Asks for a rebuild on the projector thread; returns the number to compare with {@link #rebuildsCompleted()}.
     * Requests made while one runs are served by the next one: a rebuild always starts after its request.
     */
    public long requestRebuild() {
        long ticket = rebuildsRequested.incrementAndGet();
        wake();
        return ticket;
    }

    /** Rebuild requests served so far on this instance (a request is served by the first rebuild that starts after it). */
    public long rebuildsCompleted() {
        return rebuildsDone.get();
    }

    /** The last pass failed (Neo4j or PostgreSQL unreachable); changes wait in the outbox. */
    public boolean failing() {
        return failing;
    }

    /** A pass is applying changes (or rebuilding) on this instance now: for work that should wait for the graph. */
    public boolean projecting() {
        return projecting;
    }

    public boolean enabled() {
        return enabled;
    }

    private void run() {
        Duration backoff = Duration.ZERO;
        while (worker.running()) {
            try {
                projecting = true;
                long wanted = rebuildsRequested.get();
                if (wanted > rebuildsDone.get()) {
                    GraphProjector.Pass rebuilt = projector.rebuild();
                    if (rebuilt.locked()) {
                        rebuildsDone.set(wanted);
                        LOG.infof("graph rebuilt from PostgreSQL: %d entities projected", rebuilt.entitiesProjected());
                    } // else another replica is projecting: try again at the next poll
                }
                projector.projectPending();
                if (failing) {
                    LOG.info("graph projection resumed: Neo4j and PostgreSQL reachable again, catching up on pending changes");
                }
                failing = false;
                backoff = Duration.ZERO;
                projecting = false;
                wakeUps.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // an Error as well: one failing pass must not end the projection for good
                projecting = false;
                if (!worker.running()) {
                    return;
                }
                metrics.failed();
                if (!failing) {
                    LOG.warnf("graph projection paused, retrying with back-off up to %s; changes are kept in graph_changes"
                            + " meanwhile (catalog reads and ingestion are unaffected): %s", maxBackoff, e.toString());
                }
                failing = true;
                backoff = backoff.isZero() ? pollInterval : min(backoff.multipliedBy(2), maxBackoff);
                try {
                    Thread.sleep(backoff.toMillis()); // a sleep, not a wait on wake-ups: changes keep coming during an outage
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
