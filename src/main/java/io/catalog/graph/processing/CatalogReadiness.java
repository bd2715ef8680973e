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
        try {
            boolean complete = locations.countPending() == 0;
            loadedOnce |= complete;
            return complete;
        } catch (StorageException e) {
            return false;
        }
    }

    /** Ready for traffic: the first load finished at some point and the database answers now. */
    public boolean ready() {
        try {
            boolean complete = locations.countPending() == 0;
            loadedOnce |= complete;
            return loadedOnce;
        } catch (StorageException e) {
            return false;
        }
    }
}
