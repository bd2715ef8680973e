package io.catalog.graph.graph;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToIntFunction;

/**
 * Graph answers kept for as long as the graph has not changed since they were computed ({@link GraphVersion}): a
 * portal asks the same few questions over and over, and on an unchanged graph the second asking costs one lookup of
 * the version instead of a walk. Bounded by the number of items the kept answers hold (an answer of 2,000 entities
 * weighs 2,000), least recently used first out; a size of 0 keeps nothing.
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

    private final Cache<Question, Kept> kept;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    /** @param maxItems the most items (entities, nodes, owners) all kept answers together may hold */
    public GraphAnswerCache(long maxItems) {
        this.kept = maxItems <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxItems)
                .<Question, Kept>weigher((question, answer) -> 1 + answer.answer().map(a -> SIZE.applyAsInt(a)).orElse(0))
                .build();
    }

    public static GraphAnswerCache disabled() {
        return new GraphAnswerCache(0);
    }

    /** The answer kept for {@code question} at {@code version}, if any. */
    @SuppressWarnings("unchecked")
    <T> Optional<Optional<T>> get(Question question, long version) {
        Kept answer = kept == null ? null : kept.getIfPresent(question);
        if (answer != null && answer.version() == version) {
            hits.increment();
            return Optional.of((Optional<T>) answer.answer());
        }
        misses.increment();
        return Optional.empty();
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
