package io.catalog.graph.processing;

import io.catalog.graph.model.ProcessingError;
import io.catalog.graph.storage.ClaimLostException;
import io.catalog.graph.storage.StorageException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Times each location refresh by how it ended: {@code catalog_location_refresh_seconds{outcome}}. The count per
 * outcome is the error counter too, so a failure rate is one division of two series of the same metric.
 */
@ApplicationScoped
public class RefreshMetrics {

    /** How a claimed location's refresh ended; each value is a branch {@link RefreshService} really takes. */
    public enum Outcome {
        /** Same content (or HTTP 304) as last time: nothing parsed or written. */
        UNCHANGED("unchanged"),
        /** Read, processed and committed (documents it rejected are reported on it, and still count here). */
        PROCESSED("processed"),
        /** The source could not be read (missing file, HTTP error, host not allowed): what it produced stays. */
        READ_FAILED("read-failed"),
        /** Read, but not a descriptor the catalog can take (invalid YAML, a size or nesting limit). */
        PARSE_FAILED("parse-failed"),
        /** Another worker took the location over after this one's lease ran out; this read was dropped. */
        CLAIM_LOST("claim-lost"),
        /** The database refused the write; the location is marked failed and retried with a growing delay. */
        COMMIT_FAILED("commit-failed"),
        /** The database could not be reached; the location is retried soon, unmarked. */
        DATABASE_UNAVAILABLE("database-unavailable"),
        /** Anything else thrown while reading or processing (a defect, or an Error such as running out of heap). */
        ERROR("error");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }

        static Outcome of(ProcessingError readOrParse) {
            return ProcessingError.READ_ERROR.equals(readOrParse.name()) ? READ_FAILED : PARSE_FAILED;
        }

        static Outcome of(Throwable thrown) {
            if (thrown instanceof ClaimLostException) {
                return CLAIM_LOST;
            }
            if (thrown instanceof StorageException storage) {
                return storage.unavailable() ? DATABASE_UNAVAILABLE : COMMIT_FAILED;
            }
            return ERROR;
        }
    }

    private final Map<Outcome, Timer> timers = new EnumMap<>(Outcome.class);
    private final Timer processing;
    private final Timer committing;
    private final MeterRegistry registry;

    public RefreshMetrics(MeterRegistry registry) {
        this.registry = registry;
        // registered up front: an outcome that never happened reads 0, not "no data", in rates and alerts
        for (Outcome outcome : Outcome.values()) {
            timers.put(outcome, Timer.builder("catalog.location.refresh")
                    .description("Refreshes of one claimed location (read, process, commit), by how they ended")
                    .tag("outcome", outcome.tag())
                    // a few fixed buckets (not a full histogram) are enough to tell "milliseconds" from "a minute"
                    .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
                            Duration.ofSeconds(10), Duration.ofSeconds(60))
                    .register(registry));
        }
        // where a processed location's time goes: a slow first load is either reading and parsing or writing
        processing = phase(registry, "read-and-process", "Reading, parsing and processing a location that changed");
        committing = phase(registry, "commit", "Committing what a changed location produced");
    }

    private static Timer phase(MeterRegistry registry, String phase, String description) {
        return Timer.builder("catalog.location.refresh.phase").description(description).tag("phase", phase).register(registry);
    }

    /**
     * {@code catalog_refresh_workers_allowed}: how many locations the refresh loop may process at once right now, so
     * a bulk re-read that goes slowly while people read the catalog says why.
     */
    void allowedWorkers(Supplier<Number> allowed) {
        Gauge.builder("catalog.refresh.workers.allowed", allowed)
                .description("Locations the refresh loop may process at once now: fewer while the instance serves reads")
                .register(registry);
    }

    public void record(Outcome outcome, long nanos) {
        timers.get(outcome).record(Duration.ofNanos(nanos));
    }

    /** The two phases of a location that changed and was written ({@link Outcome#PROCESSED}). */
    public void recordPhases(long processNanos, long commitNanos) {
        processing.record(Duration.ofNanos(processNanos));
        committing.record(Duration.ofNanos(commitNanos));
    }
}
