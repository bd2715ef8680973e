package io.catalog.graph.github;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.PagedIterable;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scan of one provider: list every account's repositories (each page a conditional request, so an unchanged
 * organisation costs only 304s), let {@link ScanPlanner} decide, look for the descriptors of the repositories that
 * are new or changed (50 at a time through GraphQL, {@link BulkDescriptorReader}; one at a time through REST for a
 * glob or what GraphQL did not settle, {@link DescriptorFinder}), and bring the provider's locations in line
 * ({@link RepositorySync}); the refresh loop then reads the descriptors. A rate limit stops the scan at once;
 * nothing is removed unless every organisation was listed in full. The caller holds the provider's scan lock.
 */
@ApplicationScoped
public class GitHubScanner {

    private static final Logger LOG = Logger.getLogger(GitHubScanner.class);
    /** GitHub's largest page. */
    static final int PAGE_SIZE = 100;

    /** GitHub said to stop until {@code until}. */
    static final class RateLimited extends Exception {
        final Instant until;

        RateLimited(Instant until) {
            super("GitHub rate limit: wait until " + until);
            this.until = until;
        }
    }

    private final GitHubClients clients;
    private final RepositoryTopics topics;
    private final DiscoveryStore store;
    private final RepositorySync sync;
    private final DiscoveryMetrics metrics;
    private final OrganizationSync organizationSync;
    private final BulkDescriptorReader bulk;

    public GitHubScanner(GitHubClients clients, RepositoryTopics topics, DiscoveryStore store, RepositorySync sync,
                         DiscoveryMetrics metrics, OrganizationSync organizationSync, BulkDescriptorReader bulk) {
        this.bulk = bulk;
        this.organizationSync = organizationSync;
        this.clients = clients;
        this.topics = topics;
        this.store = store;
        this.sync = sync;
        this.metrics = metrics;
    }

    /** What one scan saw; filled as it goes, so a scan stopped half-way still reports what it did. */
    static final class Run {
        final List<String> errors = new ArrayList<>();
        final List<OrganizationSync.Summary> organizationData = new ArrayList<>();
        List<GitHubClients.Account> accounts = List.of();
        int seen;
        int matched;
        int read;
    }

    public ScanSummary scan(GitHubProviderSettings provider) {
        Instant started = Instant.now();
        long id = store.startScan(provider.key(), started);
        RequestStats stats = clients.stats(provider.id());
        RequestStats.Snapshot before = stats.snapshot();
        Run run = new Run();
        String status;
        Instant blockedUntil = null;
        try {
            status = execute(provider, run);
            if (provider.orgEnabled()) {
                status = readOrganizations(provider, run, status);
            }
        } catch (RateLimited e) {
            status = ScanSummary.RATE_LIMITED;
            blockedUntil = e.until;
            run.errors.add("GitHub rate limit reached: scanning again after " + e.until);
        } catch (IOException | RuntimeException e) {
            status = ScanSummary.FAILED;
            run.errors.add(describe(e));
        }
        RequestStats.Snapshot spent = stats.snapshot().since(before);
        ScanSummary summary = new ScanSummary(id, started, Instant.now(), status, run.seen, run.matched, run.read,
                sync.count(provider), spent.requests(), spent.notModified(), spent.rateLimitRemaining(), spent.rateLimitReset(),
                blockedUntil, run.errors, run.organizationData);
        store.finishScan(summary);
        metrics.scanned(provider, status, Duration.between(started, summary.finishedAt()));
        LOG.infof("GitHub provider %s: scan %s in %d ms: %d repositories listed, %d taken, %d read, %d locations, %d requests"
                        + " (%d not modified)%s", provider.id(), status, Duration.between(started, summary.finishedAt()).toMillis(),
                run.seen, run.matched, run.read, summary.locations(), spent.requests(), spent.notModified(),
                run.errors.isEmpty() ? "" : ", " + run.errors.size() + " error(s), first: " + run.errors.get(0));
        return summary;
    }

    private String execute(GitHubProviderSettings provider, Run run) throws IOException, RateLimited {
        Instant blocked = clients.stats(provider.id()).blockedUntil();
        if (blocked != null) {
            throw new RateLimited(blocked);
        }
        try {
            run.accounts = clients.accounts(provider);
        } catch (IOException | GHException e) {
            throw rateLimitedOr(provider, e);
        }
        List<ListedRepository> listed = new ArrayList<>();
        Map<String, GHRepository> handles = new HashMap<>();
        boolean complete = true;
        for (GitHubClients.Account account : run.accounts) {
            try {
                for (GHRepository repository : listing(provider, account)) {
                    ListedRepository entry = new ListedRepository(repository.getId(), facts(provider, repository));
                    listed.add(entry);
                    handles.put(entry.key(), repository);
                    clients.remember(provider, repository);
                }
            } catch (IOException | GHException e) {
                throwIfRateLimited(provider, e);
                complete = false; // what was listed is still read; nothing is removed
                run.errors.add((account.user() ? "user " : "organization ") + account.login() + ": " + describe(e));
            }
        }
        run.seen = listed.size();
        Map<String, KnownRepository> known = store.repositories(provider.key());
        ScanPlanner.Plan plan = ScanPlanner.plan(provider.filter(), provider.catalogPath(), listed, known, complete);
        run.matched = plan.matched();
        carryOut(provider, plan, handles, known, run);
        if (!complete) {
            return listed.isEmpty() ? ScanSummary.FAILED : ScanSummary.PARTIAL;
        }
        return run.errors.isEmpty() ? ScanSummary.OK : ScanSummary.PARTIAL;
    }

    /**
     * An organisation's repositories; a user account's through the App's installation on it (GitHub has no
     * organisation to ask: {@code /orgs/LOGIN/repos} would be a 404). Each page a conditional request either way.
     */
    private PagedIterable<GHRepository> listing(GitHubProviderSettings provider, GitHubClients.Account account) throws IOException {
        GitHub client = clients.client(provider, account.login());
        return account.user() ? client.getInstallation().listRepositories().withPageSize(PAGE_SIZE)
                : client.getOrganization(account.login()).listRepositories(PAGE_SIZE);
    }

    /**
     * Reads each organisation's teams and members after its repositories ({@link OrganizationSync}: only a complete
     * read replaces the last good groups and users). A rate limit there stops the scan as one in the listing would.
     * A user account has no teams or members to read.
     */
    private String readOrganizations(GitHubProviderSettings provider, Run run, String status) throws RateLimited {
        String result = status;
        for (String organization : run.accounts.stream().filter(a -> !a.user()).map(GitHubClients.Account::login).toList()) {
            OrganizationSync.Summary read = organizationSync.sync(provider, organization);
            run.organizationData.add(read);
            if (ScanSummary.RATE_LIMITED.equals(read.status())) {
                Instant blocked = clients.stats(provider.id()).blockedUntil();
                throw new RateLimited(blocked != null ? blocked : Instant.now().plus(RequestStats.UNSTATED_WAIT));
            }
            if (!ScanSummary.OK.equals(read.status())) {
                run.errors.add("organization " + organization + " teams and members: " + read.error());
                result = ScanSummary.OK.equals(result) ? ScanSummary.PARTIAL : result;
            }
        }
        return result;
    }

    /**
     * Carries out a plan: renames, removals, what is remembered, then the descriptor searches of the repositories to
     * read, a batch at a time (with {@code handles}, the listing's repository objects, so a search through REST spends
     * no request on fetching them again).
     */
    void carryOut(GitHubProviderSettings provider, ScanPlanner.Plan plan, Map<String, GHRepository> handles,
                  Map<String, KnownRepository> known, Run run) throws RateLimited {
        Map<String, List<DescriptorChanges.Existing>> locations = sync.locationsByRepository(provider);
        for (ScanPlanner.Rename rename : plan.renames()) {
            String newName = rename.after().facts().fullName();
            List<DescriptorChanges.Existing> moved = locations.getOrDefault(rename.before().key(), List.of());
            sync.rename(provider, moved, newName);
            locations.put(rename.after().key(), moved.stream().map(e -> new DescriptorChanges.Existing(e.id(),
                    new GitHubUrls.Blob(rename.after().facts().owner(), rename.after().facts().name(), e.blob().ref(), e.blob().path()))).toList());
            store.forget(provider.key(), List.of(rename.before().key()));
            bulk.forget(provider, List.of(rename.before().key()));
            LOG.infof("GitHub provider %s: %s is now %s, %d location(s) follow it", provider.id(), rename.before().facts().fullName(),
                    newName, moved.size());
        }
        // locations go before the repository is remembered as not taken: a crash in between leaves them to the next scan
        for (ScanPlanner.Removal removal : plan.removals()) {
            sync.remove(provider, removal.fullName(), locations.getOrDefault(removal.key(), List.of()), removal.reason());
        }
        store.forget(provider.key(), plan.removals().stream().map(ScanPlanner.Removal::key).filter(k -> !handles.containsKey(k)).toList());
        store.save(provider.key(), plan.unmatched().stream().map(KnownRepository::unmatched).toList());
        store.save(provider.key(), plan.factsChanged().stream().map(r -> known.get(r.key()).withFacts(r.facts())).toList());

        bulk.forget(provider, plan.removals().stream().map(ScanPlanner.Removal::key).toList());
        List<ListedRepository> toRead = plan.read();
        for (int from = 0; from < toRead.size(); from += DescriptorLookup.BATCH) {
            List<ListedRepository> batch = toRead.subList(from, Math.min(toRead.size(), from + DescriptorLookup.BATCH));
            Map<String, DescriptorLookup.Answer> answers = bulk.read(provider, batch);
            // what is read through REST keeps no text from an earlier read: one statement for the batch
            bulk.forget(provider, batch.stream().map(ListedRepository::key)
                    .filter(key -> !(answers.get(key) instanceof DescriptorLookup.Present)).toList());
            for (ListedRepository repository : batch) {
                read(provider, repository, answers.get(repository.key()), handles, locations, known, run);
            }
        }
    }

    /** One repository: its descriptors as GraphQL gave them, or found through REST, and its locations brought in line. */
    private void read(GitHubProviderSettings provider, ListedRepository repository, DescriptorLookup.Answer answer,
                      Map<String, GHRepository> handles, Map<String, List<DescriptorChanges.Existing>> locations,
                      Map<String, KnownRepository> known, Run run) throws RateLimited {
        String branch = provider.filter().branchOf(repository.facts());
        try {
            DescriptorFinder.Found found;
            // "no file" from GraphQL would remove the repository's locations: the contents API confirms it first, at
            // the cost of a request only when a descriptor disappears
            boolean removes = answer instanceof DescriptorLookup.Absent && !locations.getOrDefault(repository.key(), List.of()).isEmpty();
            if (answer != null && !removes) {
                found = answer.found();
            } else {
                found = DescriptorFinder.find(handles.get(repository.key()), branch, provider.catalogPath());
            }
            sync.apply(provider, repository.facts().fullName(), branch, found, locations.getOrDefault(repository.key(), List.of()));
            store.save(provider.key(), List.of(KnownRepository.read(repository, branch, provider.catalogPath(), found.paths(), null)));
            if (!found.complete()) {
                run.errors.add(repository.facts().fullName() + ": tree too large to walk in " + DescriptorFinder.MAX_TREE_REQUESTS
                        + " requests; descriptors found so far are registered, none removed");
            }
            run.read++;
        } catch (IOException | GHException e) {
            throwIfRateLimited(provider, e);
            KnownRepository previous = known.get(repository.key());
            store.save(provider.key(), List.of(KnownRepository.read(repository, branch, provider.catalogPath(),
                    previous == null ? List.of() : previous.descriptors(), describe(e))));
            run.errors.add(repository.facts().fullName() + ": " + describe(e));
        }
    }

    /** A listing entry as the planner sees it; topics from the listing body itself (see {@link RepositoryTopics}). */
    RepositoryFacts facts(GitHubProviderSettings provider, GHRepository repository) {
        GHRepository.Visibility visibility = repository.getVisibility();
        String seen = visibility == null || visibility == GHRepository.Visibility.UNKNOWN
                ? (repository.isPrivate() ? "private" : "public") : visibility.name().toLowerCase(Locale.ROOT);
        return new RepositoryFacts(repository.getFullName(), repository.getDefaultBranch(),
                repository.getPushedAt() == null ? null : repository.getPushedAt().toInstant(), repository.isFork(),
                repository.isArchived(), seen, topics.of(provider.id(), repository.getFullName()));
    }

    /** Stops the scan when GitHub asked to wait: the request failed on a primary or secondary rate limit. */
    void throwIfRateLimited(GitHubProviderSettings provider, Exception e) throws RateLimited {
        Instant blocked = clients.stats(provider.id()).blockedUntil();
        if (blocked != null) {
            throw new RateLimited(blocked);
        }
        HttpException http = httpCause(e);
        if (http != null && (http.getResponseCode() == 429 || http.getResponseCode() == 403
                && String.valueOf(http.getMessage()).toLowerCase(Locale.ROOT).contains("rate limit"))) {
            throw new RateLimited(Instant.now().plus(RequestStats.UNSTATED_WAIT));
        }
    }

    private IOException rateLimitedOr(GitHubProviderSettings provider, Exception e) throws RateLimited {
        throwIfRateLimited(provider, e);
        return e instanceof IOException io ? io : new IOException(describe(e), e);
    }

    private static HttpException httpCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http) {
                return http;
            }
        }
        return null;
    }

    /** A failure in one line, without the response body GitHub sent (it can be a whole HTML page). */
    static String describe(Throwable e) {
        HttpException http = httpCause(e);
        // github-api reports a request that got no answer at all (a timeout, a refused connection) as HTTP -1: its cause says what happened
        if (http != null && http.getResponseCode() > 0) {
            return "GitHub answered HTTP " + http.getResponseCode() + (http.getUrl() == null ? "" : " for " + http.getUrl());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
