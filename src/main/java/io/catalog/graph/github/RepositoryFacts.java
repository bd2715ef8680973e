package io.catalog.graph.github;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What a repository listing says about one repository: all a scan needs to decide whether the repository is in the
 * catalog and whether it must be read again.
 *
 * @param fullName   {@code owner/name} as GitHub spells it
 * @param visibility {@code public}, {@code private} or {@code internal}
 */
public record RepositoryFacts(String fullName, String defaultBranch, Instant pushedAt, boolean fork, boolean archived,
                              String visibility, List<String> topics) {

    public RepositoryFacts {
        topics = topics == null ? List.of() : List.copyOf(topics);
        visibility = visibility == null ? "public" : visibility.toLowerCase(Locale.ROOT);
    }

    public String owner() {
        return fullName.substring(0, fullName.indexOf('/'));
    }

    public String name() {
        return fullName.substring(fullName.indexOf('/') + 1);
    }

    /** Whether what was read of the repository before may no longer hold: it was pushed to, or its branch moved. */
    public boolean changedSince(RepositoryFacts before) {
        return before == null || !java.util.Objects.equals(pushedAt, before.pushedAt)
                || !java.util.Objects.equals(defaultBranch, before.defaultBranch);
    }
}
