package io.catalog.graph.github;

import java.util.Collection;

/**
 * What the catalog does when one repository changes, without scanning the organisation: the discovery side's face
 * towards the webhook side (a push or a repository event names one repository). Each call reads GitHub as little as
 * it can and never removes anything because GitHub could not be read: when GitHub cannot be read, a call throws
 * {@link GitHubUnavailableException}, so the change is tried again rather than lost.
 */
public interface RepositoryChanges {

    /**
     * Files of {@code fullName} changed on {@code branch}: descriptors added or modified are read (new ones become
     * locations), removed ones lose their location and entities; a changed file that a descriptor pulls in
     * (placeholder, Location target) has the descriptor read again. A push to another branch than the tracked one
     * changes nothing.
     */
    void filesChanged(GitHubProviderSettings provider, String fullName, String branch, Collection<String> addedOrModified,
                      Collection<String> removed);

    /**
     * Reads the repository's listing entry again and applies the filters: it joins the catalog (descriptors found and
     * read), stays (re-read when changed), or leaves (archived, no longer matching, made private when only public
     * ones are wanted). Used for pushes too large to list, and for edited, archived, unarchived, privatized and
     * publicized repositories.
     */
    void repositoryChanged(GitHubProviderSettings provider, String fullName);

    /** The repository was deleted, or transferred to an owner this provider does not read: its locations go. */
    void repositoryRemoved(GitHubProviderSettings provider, String fullName);

    /**
     * The repository was renamed or transferred within what this provider reads: its locations follow the new name
     * and are read again; the entities stay served throughout.
     */
    void repositoryRenamed(GitHubProviderSettings provider, String oldFullName, String newFullName);
}
