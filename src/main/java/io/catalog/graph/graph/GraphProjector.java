package io.catalog.graph.graph;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.storage.GraphChangeStore;
import io.catalog.graph.storage.GraphChangeStore.EntityState;
import io.catalog.graph.storage.GraphChangeStore.PendingBatch;
import io.catalog.graph.storage.AdvisoryLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Brings Neo4j up to date with PostgreSQL. A pass takes the projector lock (one projector at a time across all
 * replicas; the others skip), then repeatedly reads the oldest pending change rows, loads the current state of the
 * refs they name, applies those states with {@link GraphWriter} and deletes exactly the rows it read.
 *
 * <p>Why this is safe without ordering guarantees: a change row carries no payload, and what is applied is the
 * entity's state when the batch is read, which is at least as new as every row read (a row commits with its change).
 * A row committed meanwhile for the same ref stays and applies again next time; applying a state twice is a no-op.
 * A crash between applying and deleting only means the batch applies again.
 */
@ApplicationScoped
public class GraphProjector {

    /** What a pass did: {@code locked} is false when another projector held the lock and this one did nothing. */
    public record Pass(boolean locked, long changesApplied, long entitiesProjected) {
        static Pass skipped() {
            return new Pass(false, 0, 0);
        }
    }

    private final GraphChangeStore store;
    private final GraphWriter writer;
    private final ProjectionMetrics metrics;
    private final int batchSize;

    @Inject
    public GraphProjector(GraphChangeStore store, GraphWriter writer, ProjectionMetrics metrics, CatalogConfig config) {
        this(store, writer, metrics, config.graph().batchSize());
    }

    public GraphProjector(GraphChangeStore store, GraphWriter writer, ProjectionMetrics metrics, int batchSize) {
        this.store = store;
        this.writer = writer;
        this.metrics = metrics;
        this.batchSize = batchSize;
    }

    /** Applies every pending change, batch by batch, unless another projector holds the lock. */
    public Pass projectPending() {
        Optional<AdvisoryLock> lock = store.tryLock();
        if (lock.isEmpty()) {
            return Pass.skipped();
        }
        try (AdvisoryLock held = lock.get()) {
            return drain();
        }
    }

    /**
     * Empties the graph and projects every entity PostgreSQL holds, in pages of refs, under the same lock as the
     * incremental path (so nothing applies in between); then applies what is pending. The rows pending during the
     * rebuild are applied after it, so a change committed while it ran is not lost, only applied twice at worst.
     */
    public Pass rebuild() {
        Optional<AdvisoryLock> lock = store.tryLock();
        if (lock.isEmpty()) {
            return Pass.skipped();
        }
        try (AdvisoryLock held = lock.get()) {
            writer.clear();
            long entities = 0;
            String after = null;
            while (true) {
                List<String> refs = store.refsAfter(after, batchSize);
                if (refs.isEmpty()) {
                    break;
                }
                writer.apply(changes(store.states(refs)));
                entities += refs.size();
                after = refs.get(refs.size() - 1);
            }
            Pass pending = drain();
            return new Pass(true, pending.changesApplied(), entities + pending.entitiesProjected());
        }
    }

    private Pass drain() {
        long changes = 0;
        long entities = 0;
        while (true) {
            PendingBatch batch = store.pending(batchSize);
            if (batch.isEmpty()) {
                break;
            }
            writer.apply(changes(store.states(batch.refs())));
            store.delete(batch.ids());
            metrics.applied(batch.ids().size());
            changes += batch.ids().size();
            entities += batch.refs().size();
            if (batch.ids().size() < batchSize) {
                break; // the rest arrived after this pass began: the next wake-up or poll takes it
            }
        }
        return new Pass(true, changes, entities);
    }

    private static List<EntityChange> changes(List<EntityState> states) {
        return states.stream().map(s -> s.exists() ? EntityChange.present(s.ref(), s.title(), s.relations())
                : EntityChange.gone(s.ref())).toList();
    }
}
