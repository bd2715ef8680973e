package io.catalog.graph.github.webhook;

import io.catalog.graph.github.GitHubProviderSettings;

import java.util.Set;

/**
 * One thing a delivery asks of the catalog, for one provider: what {@link DeliveryInterpreter} decides and
 * {@link DeliveryExecutor} carries out through {@code RepositoryChanges} and {@code OrganizationChanges}.
 */
public sealed interface DeliveryAction {

    GitHubProviderSettings provider();

    /** A short account for the delivery's note and the log (no secrets, no payload). */
    String describe();

    /** Whether the organisation side carries it out (else the discovery side). */
    default boolean organizational() {
        return this instanceof TeamChanged || this instanceof TeamDeleted || this instanceof MembershipChanged
                || this instanceof MembersChanged;
    }

    /** Files of the tracked branch changed, as the push listed them. */
    record FilesChanged(GitHubProviderSettings provider, String fullName, String branch, Set<String> addedOrModified,
                        Set<String> removed) implements DeliveryAction {
        public FilesChanged {
            addedOrModified = Set.copyOf(addedOrModified);
            removed = Set.copyOf(removed);
        }

        @Override
        public String describe() {
            return "files changed in " + fullName + "@" + branch + " (" + addedOrModified.size() + " added or modified, "
                    + removed.size() + " removed) for " + provider.key();
        }
    }

    /** Files of the tracked branch changed, more than the push could list: ask the compare API for them. */
    record CompareNeeded(GitHubProviderSettings provider, String fullName, String branch, String before, String after)
            implements DeliveryAction {
        @Override
        public String describe() {
            return "files changed in " + fullName + "@" + branch + " between " + before + " and " + after + " for " + provider.key();
        }
    }

    record RepositoryChanged(GitHubProviderSettings provider, String fullName) implements DeliveryAction {
        @Override
        public String describe() {
            return "repository " + fullName + " changed for " + provider.key();
        }
    }

    record RepositoryRemoved(GitHubProviderSettings provider, String fullName) implements DeliveryAction {
        @Override
        public String describe() {
            return "repository " + fullName + " removed for " + provider.key();
        }
    }

    record RepositoryRenamed(GitHubProviderSettings provider, String oldFullName, String newFullName) implements DeliveryAction {
        @Override
        public String describe() {
            return "repository " + oldFullName + " renamed to " + newFullName + " for " + provider.key();
        }
    }

    record TeamChanged(GitHubProviderSettings provider, String organization, String teamSlug) implements DeliveryAction {
        @Override
        public String describe() {
            return "team " + organization + "/" + teamSlug + " changed for " + provider.key();
        }
    }

    record TeamDeleted(GitHubProviderSettings provider, String organization, String teamSlug) implements DeliveryAction {
        @Override
        public String describe() {
            return "team " + organization + "/" + teamSlug + " deleted for " + provider.key();
        }
    }

    record MembershipChanged(GitHubProviderSettings provider, String organization, String teamSlug) implements DeliveryAction {
        @Override
        public String describe() {
            return "members of team " + organization + "/" + teamSlug + " changed for " + provider.key();
        }
    }

    record MembersChanged(GitHubProviderSettings provider, String organization) implements DeliveryAction {
        @Override
        public String describe() {
            return "members of " + organization + " changed for " + provider.key();
        }
    }
}
