package io.catalog.graph.processing;

import io.catalog.graph.app.LoopThread;
import io.catalog.graph.app.ReadActivity;
import io.catalog.graph.graph.ProjectionLoop;
import io.catalog.graph.storage.EntitiesChanged;
import io.catalog.graph.storage.ServedEntities;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the served entities stitched ({@link ServedEntities}): after a commit that changed entities, and otherwise
 * every {@link #POLL} or so (a location's read errors change without an entity changing), it stitches until nothing
 * is stale. Passes start at most every {@link #GAP}, so a burst of commits that all touch one popular entity (the
 * group every component of a load is owned by) stitches it once per pass, not once per commit. While the refresh
 * workers or the graph projector are busy and nobody reads, it waits: a first load would otherwise stitch the same
 * groups over and over for readers who are not there, and slow the graph's catching up, which answers would see.
 * With readers there it stitches while workers run, but at most every {@link #GAP_WHILE_REFRESHING}, so that the
 * marks a bulk re-read leaves on popular entities coalesce.
 * Being behind costs reads speed, never correctness: they assemble a stale entity from the live rows.
 */
@ApplicationScoped
public class StitchLoop {

    private static final Logger LOG = Logger.getLogger(StitchLoop.class);
    private static final Object WAKE = new Object();
    private static final int BATCH = 1_000;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration GAP = Duration.ofMillis(250);
    private static final Duration GAP_WHILE_REFRESHING = Duration.ofSeconds(2);

    private final ServedEntities served;
    private final RefreshService refresh;
    private final ReadActivity reads;
    private final ProjectionLoop projection;
    private final BlockingQueue<Object> wakeUps = new ArrayBlockingQueue<>(1);
    private final LoopThread worker = new LoopThread("catalog-stitcher");

    public StitchLoop(ServedEntities served, RefreshService refresh, ReadActivity reads, ProjectionLoop projection) {
        this.served = served;
        this.refresh = refresh;
        this.reads = reads;
        this.projection = projection;
    }

    void start(@Observes StartupEvent started) {
        worker.start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        worker.stop();
    }

    /** After the commit only: woken before it, the stitcher would find nothing stale yet. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EntitiesChanged changed) {
        wakeUps.offer(WAKE);
    }

    private boolean wanted() {
        return reads.serving() || !(refresh.busy() || projection.projecting());
    }

    private void run() {
        boolean failing = false;
        while (worker.running()) {
            try {
                while (worker.running() && wanted() && served.stitch(BATCH) > 0) {
                    // stale entities are left: the next batch at once
                }
                if (failing) {
                    LOG.info("stitching the served entities resumed");
                }
                failing = false;
            } catch (RuntimeException e) {
                if (!failing) { // reads assemble stale entities meanwhile; say so once, not on every pass
                    LOG.warnf("cannot stitch the served entities, retrying every %s (reads assemble them meanwhile): %s", POLL, e);
                }
                failing = true;
            }
            try {
                // pacing, not a wait for a condition: see the class comment
                Thread.sleep((refresh.busy() ? GAP_WHILE_REFRESHING : GAP).toMillis());
                wakeUps.poll(POLL.minus(GAP).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
