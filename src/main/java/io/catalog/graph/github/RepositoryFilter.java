package io.catalog.graph.github;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which repositories of an organisation are in the catalog ({@code catalog.providers.github.<id>.filters.*}).
 * Defaults as Backstage's GitHub provider: forks allowed, archived repositories left out, every visibility.
 *
 * @param repository anchored pattern on the repository name (not the owner); null: every name
 * @param branch     the branch to read; null: each repository's default branch
 */
public record RepositoryFilter(Pattern repository, String branch, Set<String> topicsIncluded, Set<String> topicsExcluded,
                               boolean allowForks, boolean allowArchived, Set<String> visibilities) {

    public static final Set<String> ALL_VISIBILITIES = Set.of("public", "private", "internal");

    public RepositoryFilter {
        topicsIncluded = lower(topicsIncluded);
        topicsExcluded = lower(topicsExcluded);
        visibilities = visibilities == null || visibilities.isEmpty() ? ALL_VISIBILITIES : lower(visibilities);
        for (String visibility : visibilities) {
            if (!ALL_VISIBILITIES.contains(visibility)) {
                throw new IllegalArgumentException("filters.visibility: unknown visibility '" + visibility
                        + "', expected public, private or internal");
            }
        }
    }

    public static RepositoryFilter of(Optional<String> repository, Optional<String> branch, Optional<List<String>> include,
                                      Optional<List<String>> exclude, boolean allowForks, boolean allowArchived,
                                      Optional<List<String>> visibility) {
        return new RepositoryFilter(repository.filter(r -> !r.isBlank()).map(Pattern::compile).orElse(null),
                branch.filter(b -> !b.isBlank()).orElse(null), Set.copyOf(include.orElse(List.of())),
                Set.copyOf(exclude.orElse(List.of())), allowForks, allowArchived, Set.copyOf(visibility.orElse(List.of())));
    }

    /** Everything, as the defaults say. */
    public static RepositoryFilter defaults() {
        return new RepositoryFilter(null, null, Set.of(), Set.of(), true, false, Set.of());
    }

    /** Whether the repository belongs in the catalog; an excluded topic wins over an included one. */
    public boolean matches(RepositoryFacts repo) {
        if (repository != null && !repository.matcher(repo.name()).matches()) {
            return false;
        }
        if (repo.fork() && !allowForks || repo.archived() && !allowArchived) {
            return false;
        }
        if (!visibilities.contains(repo.visibility())) {
            return false;
        }
        Set<String> topics = lower(Set.copyOf(repo.topics()));
        if (topics.stream().anyMatch(topicsExcluded::contains)) {
            return false;
        }
        return topicsIncluded.isEmpty() || topics.stream().anyMatch(topicsIncluded::contains);
    }

    /** The branch whose descriptors are read. */
    public String branchOf(RepositoryFacts repo) {
        return branch != null ? branch : repo.defaultBranch();
    }

    private static Set<String> lower(Set<String> values) {
        return values == null ? Set.of() : values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
