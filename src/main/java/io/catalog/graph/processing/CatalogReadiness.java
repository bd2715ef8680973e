package io.catalog.graph.processing;

import io.catalog.graph.storage.LocationStore;
import io.catalog.graph.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the catalog can be trusted to be complete: the database answers and no location is waiting for its
 * first read. Consumers that act on absence (Argo CD prunes Applications missing from a generator's answer) are
 * served only when {@link #complete()}; taking traffic only needs the first load to have happened once.
 */
@ApplicationScoped
public class CatalogReadiness {

    private final LocationStore locations;
    private volatile boolean loadedOnce;

    public CatalogReadiness(LocationStore locations) {
        this.locations = locations;
    }

    /** The database answers and every location has been read at least once. */
    public boolean complete() {
        return noneAwaitingFirstRead() == Boolean.TRUE;
    }

    /** Ready for traffic: the first load finished at some point and the database answers now. */
    public boolean ready() {
        return noneAwaitingFirstRead() != null && loadedOnce;
    }

    /**
     * Called by the refresh loop after each drain, until the first load is seen complete: the loop knows when nothing
     * is left to read, a probe only samples. Without it, a stream of new registrations (a source registering
     * repositories) arriving between probes could keep an instance unready long after its first load.
     */
    void drained() {
        if (!loadedOnce) {
            noneAwaitingFirstRead();
        }
    }

    /** True or false as the database says; null when it cannot be asked. Latches {@code loadedOnce}. */
    private Boolean noneAwaitingFirstRead() {
        try {
            boolean none = locations.countPending() == 0;
            loadedOnce |= none;
            return none;
        } catch (StorageException e) {
            return null;
        }
    }
}
