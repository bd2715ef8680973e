package io.catalog.graph.github;

import java.util.List;

/**
 * What the catalog remembers of a repository from its last scan (table {@code github_repositories}).
 *
 * @param key         lower-case {@code owner/name}
 * @param matched     whether the filters took it the last time its listing entry was seen
 * @param branch      the branch whose descriptors were looked for; null when never read
 * @param catalogPath the provider's {@code catalog-path} they were looked for with; null when never read, or read
 *                    before this was remembered
 * @param descriptors the descriptor paths found on that branch
 * @param readStatus  {@link #OK}, {@link #FAILED} (looked for again at the next scan) or {@link #UNREAD}
 */
public record KnownRepository(String key, Long id, String organization, RepositoryFacts facts, boolean matched, String branch,
                              String catalogPath, List<String> descriptors, String readStatus, String readError) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final String UNREAD = "unread";

    public KnownRepository {
        descriptors = descriptors == null ? List.of() : List.copyOf(descriptors);
    }

    /** The repository was looked at and not taken by the filters. */
    public static KnownRepository unmatched(ListedRepository listed) {
        return new KnownRepository(listed.key(), listed.id(), listed.facts().owner(), listed.facts(), false, null, null, List.of(), UNREAD, null);
    }

    /** Its descriptors were looked for on {@code branch} with {@code catalogPath}: found these, or failed with {@code error}. */
    public static KnownRepository read(ListedRepository listed, String branch, CatalogPathPattern catalogPath, List<String> descriptors,
                                       String error) {
        return new KnownRepository(listed.key(), listed.id(), listed.facts().owner(), listed.facts(), true, branch,
                catalogPath.toString(), descriptors, error == null ? OK : FAILED, error);
    }

    public KnownRepository withFacts(RepositoryFacts newer) {
        return new KnownRepository(key, id, organization, newer, matched, branch, catalogPath, descriptors, readStatus, readError);
    }
}
