package io.catalog.graph.processing;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.app.InstanceName;
import io.catalog.graph.app.ReadActivity;
import io.catalog.graph.ingest.ReadPolicy;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.LocationSource;
import io.catalog.graph.storage.CatalogWriter;
import io.catalog.graph.storage.ClaimLostException;
import io.catalog.graph.storage.StorageException;
import io.catalog.graph.storage.ClaimedLocation;
import io.catalog.graph.storage.Lease;
import io.catalog.graph.storage.LocationStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Claims locations, runs them through the {@link LocationProcessor}, and has the {@link WritePlanner}'s plan
 * committed. A worker claims a location only when it is free to process it, and commits only while its claim holds.
 */
@ApplicationScoped
public class RefreshService {

    private static final Logger LOG = Logger.getLogger(RefreshService.class);
    /** First delay before a location whose commit failed is tried again; it doubles with each failure. */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(10);
    private static final Duration BUSY_POLL = Duration.ofMillis(50);
    private static final Duration PROVIDER_SAFETY_NET = Duration.ofHours(24);

    private final LocationStore locations;
    private final Event<RereadRequested> rereads;
    private final CatalogWriter writer;
    private final LocationProcessor processor;
    private final ReadPolicy policy;
    private final CatalogConfig.Refresh settings;
    private final Lease lease;
    private final ExecutorService workers;
    private final WorkerSlots slots;
    private final int parallelismWhileServing;
    private final ReadActivity reads;
    private final DueSignal due;
    private final RefreshMetrics metrics;
    private final AtomicLong locationsWritten = new AtomicLong();

    public RefreshService(LocationStore locations, CatalogWriter writer, LocationProcessor processor, ReadPolicy policy,
                          DueSignal due, RefreshMetrics metrics, ReadActivity reads, CatalogConfig config,
                          Event<RereadRequested> rereads) {
        this.rereads = rereads;
        this.due = due;
        this.reads = reads;
        this.metrics = metrics;
        this.locations = locations;
        this.writer = writer;
        this.processor = processor;
        this.policy = policy;
        this.settings = config.refresh();
        this.lease = new Lease(InstanceName.of(config), settings.lease());
        int processors = Runtime.getRuntime().availableProcessors();
        int parallelism = Math.max(1, settings.parallelism().orElse(processors + 1));
        this.slots = new WorkerSlots(parallelism);
        this.parallelismWhileServing = Math.min(parallelism, Math.max(1, settings.parallelismWhileServing().orElse(processors / 2)));
        this.workers = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "catalog-refresh");
            thread.setDaemon(true);
            return thread;
        });
        metrics.allowedWorkers(this::allowedWorkers);
    }

    /** How many locations may be in processing now: every worker, or fewer while the instance serves reads. */
    int allowedWorkers() {
        return reads.serving() ? parallelismWhileServing : slots.total();
    }

    /**
     * Waits for a free worker, claims as many due locations as there are free workers (at most the batch size) and
     * hands them over; returns how many were claimed. A claim's lease starts when its processing does. While the
     * instance serves reads, at most {@code catalog.refresh.parallelism-while-serving} locations are processed at
     * once, so that reads do not queue behind a bulk re-read for the CPU.
     */
    public int refreshDue() throws InterruptedException {
        int free = slots.take(allowedWorkers());
        List<ClaimedLocation> claimed;
        try {
            claimed = locations.claimDue(Math.min(free, Math.max(1, settings.batchSize())), lease);
        } catch (RuntimeException e) {
            slots.release(free);
            throw e;
        }
        slots.release(free - claimed.size());
        for (ClaimedLocation location : claimed) {
            try {
                workers.submit(() -> {
                    try {
                        refresh(location);
                    } finally {
                        slots.release(1);
                    }
                });
            } catch (RejectedExecutionException stopping) {
                slots.release(1);
                locations.release(location);
            }
        }
        return claimed.size();
    }

    /** Whether a location is in processing on this instance now. */
    public boolean busy() {
        return slots.inUse() > 0;
    }

    /** Waits until every worker is free: whatever was claimed has been committed or given up. */
    public void awaitIdle() throws InterruptedException {
        slots.awaitAllFree();
    }

    /**
     * Re-reads one location now. When another worker holds it, waits for that worker to finish (a read it started
     * may predate the change that prompted this one), up to {@code catalog.refresh.busy-wait}; returns false when
     * the wait ran out, and the location is then read right after the holder commits.
     */
    public boolean refreshNow(UUID locationId) {
        long deadline = System.nanoTime() + settings.busyWait().toNanos();
        boolean requested = false;
        while (true) {
            Optional<ClaimedLocation> claimed = locations.claim(locationId, lease);
            if (claimed.isPresent()) {
                rereads.fire(new RereadRequested(claimed.get().spec().target()));
                refresh(claimed.get());
                return true;
            }
            if (!requested) {
                locations.requestRefresh(locationId);
                due.signal();
                requested = true;
            }
            if (System.nanoTime() > deadline || !locations.exists(locationId)) {
                return false;
            }
            LockSupport.parkNanos(BUSY_POLL.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** What this instance claims locations with: its name and the configured lease. */
    Lease lease() {
        return lease;
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

    /** Processes one claimed location. Never throws: whatever happens, the claim ends and the loop goes on. */
    void refresh(ClaimedLocation location) {
        Instant next = nextRefresh(location.source());
        long started = System.nanoTime();
        RefreshMetrics.Outcome outcome = RefreshMetrics.Outcome.ERROR;
        WritePlanner.Target target = new WritePlanner.Target(location.spec(), location.registered(), location.declaredBy());
        try {
            LocationProcessor.Previous previous = new LocationProcessor.Previous(location.contentHash(), location.httpEtag(),
                    location.dependencies());
            LocationProcessor.Result result = processor.process(location.spec(), location.origin(), policy, previous);
            if (result instanceof LocationProcessor.Unchanged unchanged) {
                writer.commitLocationOnly(location, WritePlanner.planUnchanged(unchanged.httpEtag(), next));
                outcome = RefreshMetrics.Outcome.UNCHANGED;
            } else if (result instanceof LocationProcessor.Failed failed) {
                LOG.warn(failed.error().message()); // names the location already
                Instant retry = location.source().providerDriven() ? Instant.now().plus(settings.providerRetry())
                        : nextRefresh(location.source());
                writer.commit(location, List.of(), (before, refused) -> WritePlanner.planFailure(target, failed.error(), before, retry));
                outcome = RefreshMetrics.Outcome.of(failed.error());
            } else if (result instanceof LocationProcessor.Processed processed) {
                long processedAt = System.nanoTime();
                List<String> refs = processed.produced().stream().map(p -> p.entity().ref().toString()).toList();
                writer.commit(location, refs, (before, refused) -> WritePlanner.plan(target, processed, before, refused, next));
                outcome = RefreshMetrics.Outcome.PROCESSED;
                long committedAt = System.nanoTime();
                metrics.recordPhases(processedAt - started, committedAt - processedAt);
                locationsWritten.incrementAndGet();
                if (!processed.children().isEmpty()) {
                    due.signal(); // newly declared locations are due at once
                }
                LOG.debugf("location %s: %d entities processed in %d ms, stored in %d ms", location.spec(), refs.size(),
                        (processedAt - started) / 1_000_000, (committedAt - processedAt) / 1_000_000);
            }
        } catch (ClaimLostException e) {
            outcome = RefreshMetrics.Outcome.CLAIM_LOST;
            LOG.warn(e.getMessage());
        } catch (Throwable e) { // an Error too (OutOfMemoryError from one huge input): the loop must outlive it
            outcome = RefreshMetrics.Outcome.of(e);
            LOG.errorf(e, "location %s could not be processed; trying again later", location.spec());
            recordFailure(location, e);
        } finally {
            metrics.record(outcome, System.nanoTime() - started);
        }
    }

    /** Marks the location failed with the cause and backs off; if even that fails, its lease expires instead. */
    private void recordFailure(ClaimedLocation location, Throwable cause) {
        try {
            if (cause instanceof StorageException storage && storage.unavailable()) {
                locations.release(location); // an outage says nothing about the location: try again soon, unmarked
                locations.makeDueIn(location.id(), RETRY_DELAY);
            } else {
                String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
                writer.commitFailed(location, message, RETRY_DELAY, settings.interval());
            }
        } catch (Throwable unavailable) {
            LOG.debug("failure not recorded; the claim's lease expires instead", unavailable);
        }
    }

    /**
     * When a location is read again. A provider's locations are read again when the provider sees a change (its scan
     * compares what GitHub lists, its webhook names changed files), so their timer is only a daily safety net.
     */
    private Instant nextRefresh(LocationSource source) {
        Duration interval = source.providerDriven() ? max(settings.interval(), PROVIDER_SAFETY_NET) : settings.interval();
        long jitter = (long) (interval.toMillis() * settings.jitter() * ThreadLocalRandom.current().nextDouble());
        return Instant.now().plus(interval).plusMillis(jitter);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
