package io.catalog.graph.github;

import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.processing.LocationService;
import io.catalog.graph.storage.LocationStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Carries out what discovery decided for one repository on the provider's locations: the one place where a scan and
 * a webhook register, re-target, refresh and remove them.
 */
@ApplicationScoped
public class RepositorySync {

    private static final Logger LOG = Logger.getLogger(RepositorySync.class);

    private final LocationService locations;

    public RepositorySync(LocationService locations) {
        this.locations = locations;
    }

    /** The provider's locations, by the key of the repository their blob URL names. */
    public Map<String, List<DescriptorChanges.Existing>> locationsByRepository(GitHubProviderSettings provider) {
        Map<String, List<DescriptorChanges.Existing>> byRepository = new HashMap<>();
        for (LocationStore.ProviderLocation location : locations.providerLocations(provider.key())) {
            provider.urls().parseBlob(URI.create(location.spec().target())).ifPresent(blob -> byRepository
                    .computeIfAbsent(ListedRepository.keyOf(blob.fullName()), k -> new ArrayList<>())
                    .add(new DescriptorChanges.Existing(location.id(), blob)));
        }
        return byRepository;
    }

    /** How many locations the provider has. */
    public int count(GitHubProviderSettings provider) {
        return locations.providerLocations(provider.key()).size();
    }

    public List<DescriptorChanges.Existing> locationsOf(GitHubProviderSettings provider, String fullName) {
        return locationsByRepository(provider).getOrDefault(ListedRepository.keyOf(fullName), List.of());
    }

    /** Brings the repository's locations in line with the descriptors found on {@code branch}. */
    void apply(GitHubProviderSettings provider, String fullName, String branch, DescriptorFinder.Found found,
                      Collection<DescriptorChanges.Existing> existing) {
        DescriptorChanges changes = DescriptorChanges.between(provider.urls(), fullName, branch, found.paths(), existing, found.complete());
        locations.refreshSoon(changes.refresh());
        changes.retarget().forEach((id, url) -> retarget(provider, id, url));
        changes.add().forEach(url -> locations.ensureProvided(new LocationSpec(LocationSpec.URL, url), provider.key()));
        if (!changes.remove().isEmpty()) {
            int entities = locations.removeProvided(changes.remove());
            LOG.infof("GitHub provider %s: %d descriptor(s) of %s are gone, %d entities removed", provider.id(),
                    changes.remove().size(), fullName, entities);
        }
    }

    /** The repository leaves the catalog: its locations and their entities go. */
    public void remove(GitHubProviderSettings provider, String fullName, Collection<DescriptorChanges.Existing> existing, String reason) {
        if (existing.isEmpty()) {
            return;
        }
        int entities = locations.removeProvided(existing.stream().map(DescriptorChanges.Existing::id).toList());
        LOG.infof("GitHub provider %s: %s %s, %d location(s) and %d entities removed", provider.id(), fullName, reason,
                existing.size(), entities);
    }

    /** The repository is now {@code newFullName}: its locations follow, keeping their ids, and are read again. */
    public void rename(GitHubProviderSettings provider, Collection<DescriptorChanges.Existing> existing, String newFullName) {
        for (DescriptorChanges.Existing location : existing) {
            retarget(provider, location.id(), provider.urls().blob(newFullName, location.blob().ref(), location.blob().path()));
        }
    }

    /** Files that locations pulled in (placeholders, Location targets) or read changed: those locations are read again. */
    public void refreshReaders(GitHubProviderSettings provider, String fullName, String branch, Collection<String> paths) {
        List<String> urls = paths.stream().map(path -> provider.urls().blob(fullName, branch, path)).toList();
        List<UUID> affected = new ArrayList<>();
        for (LocationStore.ProviderLocation location : locations.providerLocations(provider.key())) {
            if (urls.contains(location.spec().target())
                    || location.dependencies().stream().anyMatch(d -> urls.contains(d.target()))) {
                affected.add(location.id());
            }
        }
        locations.refreshSoon(affected);
    }

    private void retarget(GitHubProviderSettings provider, UUID id, String url) {
        LocationSpec spec = new LocationSpec(LocationSpec.URL, url);
        try {
            locations.retargetProvided(id, spec);
        } catch (LocationStore.AlreadyRegisteredException e) {
            // the new target has a location already (a webhook was faster): that one stays, this one goes
            locations.removeProvided(List.of(id));
            locations.refreshSoon(List.of(e.existingId()));
        }
    }
}
