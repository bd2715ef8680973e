package io.catalog.graph.github;

/**
 * What the catalog does when an organisation's teams or members change: the organisation-data side's face towards
 * the webhook side. Each call re-reads only what the event names; a failed read keeps the last good groups and users
 * and throws {@link GitHubUnavailableException}, so the change is tried again rather than lost.
 */
public interface OrganizationChanges {

    /** A team was created, edited (name, description, parent) or deleted. */
    void teamChanged(GitHubProviderSettings provider, String organization, String teamSlug);

    /**
     * A team was deleted: its Group goes, and the teams above it are read again (GitHub listed the deleted team's
     * members among theirs); its members stay Users if they still belong to the organisation.
     */
    void teamDeleted(GitHubProviderSettings provider, String organization, String teamSlug);

    /** Someone was added to or removed from a team. */
    void membershipChanged(GitHubProviderSettings provider, String organization, String teamSlug);

    /** Someone joined or left the organisation, or their membership changed. */
    void membersChanged(GitHubProviderSettings provider, String organization);
}
