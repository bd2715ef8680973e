package io.catalog.graph.github;

import java.util.Locale;

/**
 * One entry of an organisation's repository listing.
 *
 * @param id GitHub's repository id, which survives a rename or a transfer (null when the listing did not say)
 */
public record ListedRepository(Long id, RepositoryFacts facts) {

    /** How the catalog keys a repository: GitHub names are case-insensitive. */
    public static String keyOf(String fullName) {
        return fullName.toLowerCase(Locale.ROOT);
    }

    public String key() {
        return keyOf(facts.fullName());
    }
}
