package io.catalog.graph.github;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides what a scan does with each repository, from the listing and what the last scans remembered. Pure.
 * <ul>
 *   <li>a repository the filters take is read (its descriptors looked for) when it is new, newly taken, was not read
 *       successfully, or was pushed to or had its default (or tracked) branch change since, or was read with another
 *       {@code catalog-path} than the provider's now; else it costs nothing;</li>
 *   <li>a repository that vanished from the listing, or that the filters no longer take (archived, topics, visibility,
 *       fork, name), leaves the catalog, but only when every organisation was listed in full: a failed, partial or
 *       rate-limited scan removes nothing;</li>
 *   <li>a repository that vanished while a new one with the same GitHub id appeared was renamed or transferred: its
 *       locations follow it, its entities are never removed.</li>
 * </ul>
 */
public final class ScanPlanner {

    /** A repository renamed (or transferred) since the last scan. */
    public record Rename(KnownRepository before, ListedRepository after) {
    }

    /** A repository leaving the catalog, and why (for the log). */
    public record Removal(String key, String fullName, String reason) {
    }

    /**
     * @param read         repositories whose descriptors are looked for
     * @param factsChanged repositories taken and unchanged for reading, whose remembered facts are refreshed (topics)
     * @param unmatched    repositories the filters do not take, remembered so that the next scan sees changes
     * @param removals     repositories whose locations and entities go
     * @param renames      repositories whose locations are re-targeted before anything else
     * @param matched      how many repositories of the listing the filters take
     */
    public record Plan(List<ListedRepository> read, List<ListedRepository> factsChanged, List<ListedRepository> unmatched,
                       List<Removal> removals, List<Rename> renames, int matched) {
    }

    private ScanPlanner() {
    }

    /**
     * @param catalogPath the provider's {@code catalog-path}: a repository read with another one is read again
     * @param complete    whether every organisation of the provider was listed to its last page
     */
    public static Plan plan(RepositoryFilter filter, CatalogPathPattern catalogPath, List<ListedRepository> listed,
                            Map<String, KnownRepository> known, boolean complete) {
        Set<String> listedKeys = new HashSet<>();
        listed.forEach(l -> listedKeys.add(l.key()));
        Map<Long, KnownRepository> gone = new HashMap<>();
        known.values().stream().filter(k -> !listedKeys.contains(k.key()) && k.id() != null).forEach(k -> gone.put(k.id(), k));

        List<ListedRepository> read = new ArrayList<>();
        List<ListedRepository> factsChanged = new ArrayList<>();
        List<ListedRepository> unmatched = new ArrayList<>();
        List<Removal> removals = new ArrayList<>();
        List<Rename> renames = new ArrayList<>();
        Set<String> renamedFrom = new HashSet<>();
        int matched = 0;
        for (ListedRepository repo : listed) {
            KnownRepository before = known.get(repo.key());
            boolean takes = filter.matches(repo.facts());
            if (before == null && repo.id() != null && gone.containsKey(repo.id())) {
                KnownRepository old = gone.get(repo.id());
                renamedFrom.add(old.key());
                if (old.matched() && takes) {
                    renames.add(new Rename(old, repo));
                } else if (old.matched() && complete) {
                    removals.add(new Removal(old.key(), old.facts().fullName(), "renamed to " + repo.facts().fullName()
                            + ", which the filters do not take"));
                }
            }
            if (takes) {
                matched++;
                if (mustRead(filter, catalogPath, repo, before)) {
                    read.add(repo);
                } else if (!before.facts().equals(repo.facts())) {
                    factsChanged.add(repo);
                }
            } else if (before == null || !before.matched()) {
                if (before == null || !before.facts().equals(repo.facts())) {
                    unmatched.add(repo);
                }
            } else if (complete) {
                // it had locations: they go, and it is remembered as not taken
                removals.add(new Removal(repo.key(), repo.facts().fullName(), whyNot(filter, repo.facts())));
                unmatched.add(repo);
            } // a partial scan leaves it as it was: the next complete one decides
        }
        if (complete) {
            for (KnownRepository k : known.values()) {
                if (!listedKeys.contains(k.key()) && !renamedFrom.contains(k.key())) {
                    removals.add(new Removal(k.key(), k.facts().fullName(), "no longer listed (deleted, transferred or no longer visible)"));
                }
            }
        }
        return new Plan(read, factsChanged, unmatched, removals, renames, matched);
    }

    private static boolean mustRead(RepositoryFilter filter, CatalogPathPattern catalogPath, ListedRepository repo,
                                    KnownRepository before) {
        return before == null || !before.matched() || !KnownRepository.OK.equals(before.readStatus())
                || repo.facts().changedSince(before.facts())
                || !Objects.equals(before.branch(), filter.branchOf(repo.facts()))
                // read before the path was remembered: taken to be this one, so an upgrade reads nothing again
                || before.catalogPath() != null && !before.catalogPath().equals(catalogPath.toString());
    }

    /** Why the filters do not take a repository, in an operator's words. */
    static String whyNot(RepositoryFilter filter, RepositoryFacts facts) {
        if (facts.archived() && !filter.allowArchived()) {
            return "archived";
        }
        if (facts.fork() && !filter.allowForks()) {
            return "a fork";
        }
        if (!filter.visibilities().contains(facts.visibility())) {
            return facts.visibility() + " (filters.visibility)";
        }
        return "no longer matches the filters (repository name or topics)";
    }
}
