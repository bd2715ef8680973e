package io.catalog.graph.github;

import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.processing.LocationService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHRepository;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Discovery for one repository at a time, as webhooks report changes: the same decisions as a scan
 * ({@link ScanPlanner}, {@link DescriptorChanges}) on the one repository named, at the cost of a request or two.
 * GitHub failing (rate limit, 5xx) changes nothing: the next scan catches up.
 */
@ApplicationScoped
public class GitHubRepositoryChanges implements RepositoryChanges {

    private static final Logger LOG = Logger.getLogger(GitHubRepositoryChanges.class);

    private final GitHubClients clients;
    private final GitHubScanner scanner;
    private final DiscoveryStore store;
    private final RepositorySync sync;
    private final LocationService locations;
    private final DescriptorTexts texts;

    public GitHubRepositoryChanges(GitHubClients clients, GitHubScanner scanner, DiscoveryStore store, RepositorySync sync,
                                   LocationService locations, DescriptorTexts texts) {
        this.texts = texts;
        this.clients = clients;
        this.scanner = scanner;
        this.store = store;
        this.sync = sync;
        this.locations = locations;
    }

    @Override
    public void filesChanged(GitHubProviderSettings provider, String fullName, String branch, Collection<String> addedOrModified,
                             Collection<String> removed) {
        Optional<KnownRepository> known = store.repository(provider.key(), fullName);
        if (known.isEmpty() || !known.get().matched() || !KnownRepository.OK.equals(known.get().readStatus())) {
            repositoryChanged(provider, fullName); // not (yet) in the catalog as read: decide from its listing entry
            return;
        }
        KnownRepository repository = known.get();
        if (!branch.equals(repository.branch())) {
            return; // not the tracked branch
        }
        String name = repository.facts().fullName();
        // a text the scan kept for a file of this push is out of date: the refresh loop asks GitHub for it
        texts.forget(provider.key(), repository.key(), Stream.concat(addedOrModified.stream(), removed.stream())
                .map(path -> provider.urls().blob(name, branch, strip(path))).toList());
        List<String> added = addedOrModified.stream().map(GitHubRepositoryChanges::strip).filter(provider.catalogPath()::matches).toList();
        Set<String> gone = new LinkedHashSet<>(removed.stream().map(GitHubRepositoryChanges::strip).filter(provider.catalogPath()::matches).toList());
        gone.removeAll(added);
        added.forEach(path -> locations.ensureProvided(new LocationSpec(LocationSpec.URL, provider.urls().blob(name, branch, path)), provider.key()));
        List<DescriptorChanges.Existing> leaving = sync.locationsOf(provider, name).stream()
                .filter(e -> e.blob().ref().equals(branch) && gone.contains(strip(e.blob().path()))).toList();
        sync.remove(provider, name, leaving, "lost descriptor(s) " + gone + " in a push");
        // any changed file may be what a descriptor pulls in (a placeholder, a Location target)
        sync.refreshReaders(provider, name, branch, Stream.concat(addedOrModified.stream(), removed.stream()).map(GitHubRepositoryChanges::strip).toList());
        Set<String> descriptors = new LinkedHashSet<>(repository.descriptors());
        descriptors.removeAll(gone);
        descriptors.addAll(added);
        store.save(provider.key(), List.of(new KnownRepository(repository.key(), repository.id(), repository.organization(),
                repository.facts(), true, branch, repository.catalogPath(), List.copyOf(descriptors), KnownRepository.OK, null)));
    }

    @Override
    public void repositoryChanged(GitHubProviderSettings provider, String fullName) {
        GHRepository repository;
        try {
            repository = clients.client(provider, owner(fullName)).getRepository(fullName);
            clients.remember(provider, repository);
        } catch (GHFileNotFoundException e) {
            LOG.infof("GitHub provider %s: %s is not visible (HTTP 404); a scan or a repository event decides whether it goes",
                    provider.id(), fullName);
            return;
        } catch (IOException | GHException e) {
            throw new GitHubUnavailableException("cannot read " + fullName + ": " + GitHubScanner.describe(e),
                    clients.stats(provider.id()).blockedUntil(), e);
        }
        ListedRepository listed = new ListedRepository(repository.getId(), scanner.facts(provider, repository));
        Map<String, KnownRepository> known = store.repository(provider.key(), fullName).map(k -> Map.of(k.key(), k)).orElse(Map.of());
        // the one repository's entry is its complete listing: it decides whether it stays
        ScanPlanner.Plan plan = ScanPlanner.plan(provider.filter(), provider.catalogPath(), List.of(listed), known, true);
        GitHubScanner.Run run = new GitHubScanner.Run();
        try {
            scanner.carryOut(provider, plan, Map.of(listed.key(), repository), known, run);
        } catch (GitHubScanner.RateLimited e) {
            throw new GitHubUnavailableException("rate limited while reading " + fullName, e.until, e);
        }
        if (!run.errors.isEmpty()) {
            // what could be read is applied; the rest is tried again with the delivery
            throw new GitHubUnavailableException(run.errors.get(0), clients.stats(provider.id()).blockedUntil(), null);
        }
    }

    @Override
    public void repositoryRemoved(GitHubProviderSettings provider, String fullName) {
        texts.forgetRepositories(provider.key(), List.of(ListedRepository.keyOf(fullName)));
        sync.remove(provider, fullName, sync.locationsOf(provider, fullName), "was deleted or transferred away");
        store.forget(provider.key(), List.of(ListedRepository.keyOf(fullName)));
    }

    @Override
    public void repositoryRenamed(GitHubProviderSettings provider, String oldFullName, String newFullName) {
        List<DescriptorChanges.Existing> moved = sync.locationsOf(provider, oldFullName);
        sync.rename(provider, moved, newFullName);
        texts.forgetRepositories(provider.key(), List.of(ListedRepository.keyOf(oldFullName)));
        store.forget(provider.key(), List.of(ListedRepository.keyOf(oldFullName)));
        LOG.infof("GitHub provider %s: %s is now %s, %d location(s) follow it", provider.id(), oldFullName, newFullName, moved.size());
        // the new name's listing entry says whether it stays (a transfer may land it outside the filters)
        repositoryChanged(provider, newFullName);
    }

    private static String owner(String fullName) {
        return fullName.substring(0, fullName.indexOf('/'));
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
