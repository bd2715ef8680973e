package io.catalog.graph.processing;

import io.catalog.graph.model.ProcessingError;
import io.catalog.graph.model.ProcessedEntity;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.ingest.LocationReadException;
import io.catalog.graph.ingest.ReadPolicy;
import io.catalog.graph.model.LocationSource;
import io.catalog.graph.storage.ClaimedLocation;
import io.catalog.graph.storage.LocationStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Registering, dry-running and removing locations; and keeping configured locations registered. */
@ApplicationScoped
public class LocationService {

    private static final Logger LOG = Logger.getLogger(LocationService.class);

    /** The request is not acceptable (type not allowed, host not on the allow-list, bad target). */
    public static class RejectedLocationException extends RuntimeException {
        public RejectedLocationException(String message) {
            super(message);
        }
    }

    /** What a dry run found: the entities the location would produce and the errors it would report. */
    public record DryRun(List<ProcessedEntity> entities, List<ProcessingError> errors) {
    }

    private final LocationStore store;
    private final RefreshService refresh;
    private final LocationProcessor processor;
    private final ReadPolicy policy;
    private final CatalogConfig config;
    private final ObjectMapper json;
    private final DueSignal due;

    public LocationService(LocationStore store, RefreshService refresh, LocationProcessor processor, ReadPolicy policy,
                           CatalogConfig config, ObjectMapper json, DueSignal due) {
        this.due = due;
        this.store = store;
        this.refresh = refresh;
        this.processor = processor;
        this.policy = policy;
        this.config = config;
        this.json = json;
    }

    /**
     * Registers the configured locations this instance does not find. Configured locations it does not know are left
     * alone: other instances may declare them (see {@link #pruneConfigured()}).
     */
    void registerConfigured(@Observes StartupEvent started) {
        Set<LocationSpec> configured = configured();
        List<LocationSpec> others = store.configuredExcept(configured);
        if (!others.isEmpty()) {
            LOG.infof("%d configured location(s) are not in this instance's configuration and stay registered (%s);"
                    + " POST /api/admin/locations/prune-configured removes them", others.size(), others);
        }
        for (LocationSpec spec : configured) {
            if (store.idOf(spec).isEmpty()) {
                try {
                    store.register(spec, LocationSource.CONFIG, GeneratedLocationEntity.of(spec, json));
                    LOG.infof("registered configured location %s", spec);
                } catch (LocationStore.AlreadyRegisteredException e) {
                    // another instance registered it at the same moment
                }
            }
        }
    }

    /**
     * Removes the locations registered from configuration that this instance's configuration no longer declares,
     * orphaning what they produced. An operator's decision: an instance started with a wrong configuration must not
     * take the catalog of the others with it, so this never happens by itself.
     */
    public List<LocationSpec> pruneConfigured() {
        List<LocationSpec> stale = store.configuredExcept(configured());
        stale.forEach(spec -> store.idOf(spec).ifPresent(store::delete));
        return stale;
    }

    private Set<LocationSpec> configured() {
        Set<LocationSpec> configured = new LinkedHashSet<>();
        config.locations().orElse(List.of()).forEach(text -> configured.add(LocationSpec.parse(text)));
        return configured;
    }

    /** Registers a location from the API and reads it at once; nested locations follow through the loop. */
    public UUID register(LocationSpec spec) {
        checkAllowed(spec);
        ClaimedLocation claimed = store.registerClaimed(spec, LocationSource.API, GeneratedLocationEntity.of(spec, json), refresh.lease());
        refresh.refresh(claimed);
        return claimed.id();
    }

    /** Re-targets a registered location and reads it at once; false when there is no such registered location. */
    public boolean update(UUID id, LocationSpec spec) {
        checkAllowed(spec);
        Optional<ClaimedLocation> claimed = store.updateClaimed(id, spec, GeneratedLocationEntity.of(spec, json), refresh.lease());
        claimed.ifPresent(refresh::refresh);
        return claimed.isPresent();
    }

    /** Reads an already registered location again now (Backstage's {@code onConflict=refresh}). */
    public void refreshNow(UUID id) {
        refresh.refreshNow(id);
    }

    /** Reads a location and the locations it declares, as registration would, storing nothing. */
    public DryRun dryRun(LocationSpec spec) {
        checkAllowed(spec);
        List<ProcessedEntity> entities = new ArrayList<>();
        List<ProcessingError> errors = new ArrayList<>();
        entities.add(GeneratedLocationEntity.of(spec, json));
        Deque<LocationSpec> pending = new ArrayDeque<>(List.of(spec));
        Set<LocationSpec> visited = new HashSet<>();
        while (!pending.isEmpty() && visited.size() < config.limits().maxDryRunLocations()) {
            LocationSpec next = pending.removeFirst();
            if (!visited.add(next)) {
                continue;
            }
            LocationProcessor.Result result = processor.process(next, spec.toString(), policy, LocationProcessor.Previous.NONE);
            if (result instanceof LocationProcessor.Failed failed) {
                errors.add(failed.error());
            } else if (result instanceof LocationProcessor.Processed processed) {
                entities.addAll(processed.entities());
                errors.addAll(processed.problems());
                processed.rejected().forEach(r -> errors.addAll(r.errors()));
                processed.children().forEach(child -> pending.addLast(child.spec()));
            }
        }
        return new DryRun(entities, errors);
    }

    /** What analyzing a location found: the descriptor it points at (or would), and what it contains. */
    public record Analysis(LocationSpec descriptor, boolean registered, List<ProcessedEntity> entities, ProcessingError error) {
    }

    /**
     * Looks at a location before registration: a descriptor URL or path is read as is; anything else is taken as a
     * folder holding {@code catalogFileName} (default {@code catalog-info.yaml}).
     */
    public Analysis analyze(LocationSpec location, String catalogFileName) {
        LocationSpec descriptor = location;
        String target = location.target();
        if (!target.endsWith(".yaml") && !target.endsWith(".yml")) {
            String fileName = catalogFileName == null || catalogFileName.isBlank() ? "catalog-info.yaml" : catalogFileName;
            descriptor = new LocationSpec(location.type(), target.endsWith("/") ? target + fileName : target + "/" + fileName);
        }
        checkAllowed(descriptor);
        boolean registered = store.idOf(descriptor).isPresent();
        LocationProcessor.Result result = processor.process(descriptor, descriptor.toString(), policy, LocationProcessor.Previous.NONE);
        if (result instanceof LocationProcessor.Processed processed) {
            return new Analysis(descriptor, registered, processed.entities(), null);
        }
        return new Analysis(descriptor, registered, List.of(), ((LocationProcessor.Failed) result).error());
    }

    // ---- a provider's locations (GitHub discovery): registered, re-targeted and removed by the provider alone ----

    /**
     * Makes sure {@code provider} has a location for {@code spec} and that it is read soon: registered (due at once)
     * when new, else asked for a read. Idempotent; returns the location's id.
     */
    public UUID ensureProvided(LocationSpec spec, String provider) {
        Optional<UUID> existing = store.idOf(spec);
        UUID id;
        if (existing.isPresent()) {
            id = existing.get();
            store.requestRefresh(id);
        } else {
            try {
                id = store.register(spec, LocationSource.PROVIDER, provider, GeneratedLocationEntity.of(spec, json));
            } catch (LocationStore.AlreadyRegisteredException e) {
                id = e.existingId(); // another replica's scan or a webhook registered it at the same moment
                store.requestRefresh(id);
            }
        }
        due.signal();
        return id;
    }

    /** Asks for a read of these locations as soon as the refresh loop can. */
    public void refreshSoon(Collection<UUID> ids) {
        ids.forEach(store::requestRefresh);
        if (!ids.isEmpty()) {
            due.signal();
        }
    }

    public List<LocationStore.ProviderLocation> providerLocations(String provider) {
        return store.providerLocations(provider);
    }

    /**
     * Points a provider's location at a new target (a renamed repository, a moved branch), keeping its id: its
     * entities stay served until the new target is read. False when the location is gone.
     */
    public boolean retargetProvided(UUID id, LocationSpec spec) {
        boolean moved = store.update(id, spec, GeneratedLocationEntity.of(spec, json));
        if (moved) {
            due.signal();
        }
        return moved;
    }

    /** Removes a provider's locations and the entities they produced (the source says they are gone). */
    public int removeProvided(Collection<UUID> ids) {
        return store.removeWithEntities(ids);
    }

    public boolean delete(UUID id) {
        return store.delete(id);
    }

    public Optional<UUID> find(LocationSpec spec) {
        return store.idOf(spec);
    }

    private void checkAllowed(LocationSpec spec) {
        if (spec.type().equals(LocationSpec.FILE)) {
            List<String> roots = config.reading().fileRoots().orElse(List.of());
            Path target = Path.of(spec.target());
            boolean underRoot = roots.stream().map(r -> Path.of(r).toAbsolutePath().normalize()).anyMatch(target::startsWith);
            if (!underRoot) {
                throw new RejectedLocationException(roots.isEmpty()
                        ? "file locations cannot be registered through the API; configure catalog.reading.file-roots to allow folders"
                        : "file location " + spec.target() + " is outside the folders in catalog.reading.file-roots");
            }
        } else {
            try {
                policy.checkUrl(URI.create(spec.target()));
            } catch (LocationReadException e) {
                throw new RejectedLocationException(e.getMessage());
            }
        }
    }
}
