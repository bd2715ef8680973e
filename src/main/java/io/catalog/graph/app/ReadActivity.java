package io.catalog.graph.app;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Whether this instance is answering reads right now: a read route was called or answered within the last
 * {@link #WINDOW}. The refresh loop holds workers back meanwhile, so the people reading do not queue behind a bulk
 * re-read (docs/operations.md, {@code catalog.refresh.parallelism-while-serving}).
 */
@ApplicationScoped
public class ReadActivity {

    /** How long after a read the instance still counts as serving: a portal page asks several reads in a burst. */
    public static final Duration WINDOW = Duration.ofSeconds(1);

    private final long windowNanos = WINDOW.toNanos();
    private volatile long lastRead = System.nanoTime() - windowNanos;

    /** A read route was called or answered. Cheap enough for every request: one volatile write. */
    public void read() {
        lastRead = System.nanoTime();
    }

    /** A read route was called or answered within the last {@link #WINDOW}. */
    public boolean serving() {
        return System.nanoTime() - lastRead < windowNanos;
    }
}
