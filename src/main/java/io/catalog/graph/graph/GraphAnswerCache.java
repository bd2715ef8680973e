package io.catalog.graph.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

/**
 * Graph answers kept for as long as the graph has not changed since they were computed ({@link GraphVersion}): a
 * portal asks the same few questions over and over, and on an unchanged graph the second asking costs one lookup of
 * the version instead of a walk. Bounded by the number of items the kept answers hold (an answer of 2,000 entities
 * weighs 2,000), least recently used first out; a size of 0 keeps nothing.
 *
 * <p>Asking the graph for its version is a Bolt round trip, about half of what a kept answer costs. The version read
 * last is trusted without asking again for {@code versionRecheck}, unless this instance has written the graph since
 * ({@link #written}): an instance's own projection shows at once, another replica's within that time.
 */
public final class GraphAnswerCache {

    /** A question as asked: which one, and every argument that shapes its answer. */
    record Question(String name, List<Object> arguments) {
        static Question of(String name, Object... arguments) {
            return new Question(name, List.of(arguments));
        }
    }

    private record Kept(long version, Optional<?> answer) {
    }

    /** A version as read from the graph: when the read started, and how many local writes had happened before it. */
    private record ReadVersion(long version, long readAtNanos, long writesBefore) {
    }

    private final Cache<Question, Kept> kept;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final long recheckNanos;
    private final AtomicLong writes = new AtomicLong();
    private volatile ReadVersion lastRead;

    /** @param maxItems the most items (entities, nodes, owners) all kept answers together may hold */
    public GraphAnswerCache(long maxItems) {
        this(maxItems, Duration.ZERO);
    }

    /**
     * @param maxItems       the most items (entities, nodes, owners) all kept answers together may hold
     * @param versionRecheck how long a version read from the graph is trusted when this instance has not written since
     */
    public GraphAnswerCache(long maxItems, Duration versionRecheck) {
        this.recheckNanos = versionRecheck.toNanos();
        this.kept = maxItems <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxItems)
                .<Question, Kept>weigher((question, answer) -> 1 + answer.answer().map(a -> SIZE.applyAsInt(a)).orElse(0))
                .build();
    }

    /** Keeps nothing (and trusts no version: every question reads it). */
    public static GraphAnswerCache disabled() {
        return new GraphAnswerCache(0);
    }

    /** The answer kept for {@code question} at {@code version}, if any. */
    <T> Optional<Optional<T>> get(Question question, long version) {
        Optional<Optional<T>> found = lookUp(question, version);
        if (found.isEmpty()) {
            misses.increment();
        }
        return found;
    }

    /** The answer kept for {@code question} at the version read last, if that version may still be trusted. */
    <T> Optional<Optional<T>> getAtRecentVersion(Question question) {
        ReadVersion recent = lastRead;
        if (recent == null || recent.writesBefore() != writes.get() || System.nanoTime() - recent.readAtNanos() >= recheckNanos) {
            return Optional.empty();
        }
        // a miss here is counted by the lookup that follows, at the version read then
        return lookUp(question, recent.version());
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<Optional<T>> lookUp(Question question, long version) {
        Kept answer = kept == null ? null : kept.getIfPresent(question);
        if (answer == null || answer.version() != version) {
            return Optional.empty();
        }
        hits.increment();
        return Optional.of((Optional<T>) answer.answer());
    }

    /** Before reading the graph's version: what {@link #versionRead} needs to know whether the read is still good. */
    long writes() {
        return writes.get();
    }

    /**
     * Records the version read by a transaction that started at {@code readAtNanos}, after {@code writesBefore} local
     * writes; a local write since makes it worthless, so it is not kept.
     */
    void versionRead(long version, long readAtNanos, long writesBefore) {
        if (recheckNanos > 0 && writesBefore == writes.get()) {
            lastRead = new ReadVersion(version, readAtNanos, writesBefore);
        }
    }

    /** This instance has committed a write to the graph: the version read before it is no longer trusted. */
    public void written() {
        writes.incrementAndGet();
    }

    /** Keeps {@code answer}, computed when the graph was at {@code version}. */
    void put(Question question, long version, Optional<?> answer) {
        if (kept != null) {
            kept.put(question, new Kept(version, answer));
        }
    }

    /** Answers given from what was kept, since start-up. */
    public long hits() {
        return hits.sum();
    }

    /** Answers computed, since start-up. */
    public long misses() {
        return misses.sum();
    }

    /** How many items an answer holds, for the bound. */
    private static final ToIntFunction<Object> SIZE = answer -> {
        if (answer instanceof GraphQueries.Walk walk) {
            return walk.items().size();
        } else if (answer instanceof GraphQueries.Owned owned) {
            return owned.items().size();
        } else if (answer instanceof GraphQueries.BlastRadius radius) {
            return radius.total();
        } else if (answer instanceof GraphQueries.Neighbourhood around) {
            return around.nodes().size() + around.edges().size();
        } else if (answer instanceof GraphQueries.Ownership ownership) {
            return ownership.owners().stream().mapToInt(o -> o.chain().size()).sum();
        } else if (answer instanceof GraphQueries.Route route) {
            return route.path().size();
        }
        return 1;
    };
}
