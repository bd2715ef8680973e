package io.catalog.graph.github.webhook;

import io.catalog.graph.github.GitHubClients;
import io.catalog.graph.github.OrganizationChanges;
import io.catalog.graph.github.RepositoryChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out an {@link Interpretation} through the discovery side ({@link RepositoryChanges}) and the organisation
 * side ({@link OrganizationChanges}). Either may be absent from a build: the delivery is then processed with a note
 * saying so, and the service starts and answers GitHub all the same.
 */
@ApplicationScoped
public class DeliveryExecutor {

    static final String NO_DISCOVERY = "no discovery provider to apply it";
    static final String NO_ORGANIZATION = "no organisation data provider to apply it";

    private final Instance<RepositoryChanges> repositories;
    private final Instance<OrganizationChanges> organizations;
    private final PushCompare compare;

    public DeliveryExecutor(Instance<RepositoryChanges> repositories, Instance<OrganizationChanges> organizations, GitHubClients clients) {
        this.repositories = repositories;
        this.organizations = organizations;
        this.compare = new PushCompare(clients::client);
    }

    /**
     * Applies every action in order and says what was done. Throws when GitHub or a provider failed, so the
     * delivery is retried; every action is safe to apply again.
     */
    public String execute(Interpretation interpretation) throws IOException {
        if (interpretation.actions().isEmpty()) {
            return interpretation.note();
        }
        List<String> done = new ArrayList<>();
        for (DeliveryAction action : interpretation.actions()) {
            boolean available = action.organizational() ? organizations.isResolvable() : repositories.isResolvable();
            if (!available) {
                done.add(action.describe() + ": " + (action.organizational() ? NO_ORGANIZATION : NO_DISCOVERY));
                continue;
            }
            DeliveryAction resolved = action instanceof DeliveryAction.CompareNeeded push ? compare.resolve(push) : action;
            apply(resolved);
            done.add(resolved.describe());
        }
        return String.join("; ", done);
    }

    private void apply(DeliveryAction action) {
        if (action instanceof DeliveryAction.FilesChanged f) {
            repositories.get().filesChanged(f.provider(), f.fullName(), f.branch(), f.addedOrModified(), f.removed());
        } else if (action instanceof DeliveryAction.RepositoryChanged r) {
            repositories.get().repositoryChanged(r.provider(), r.fullName());
        } else if (action instanceof DeliveryAction.RepositoryRemoved r) {
            repositories.get().repositoryRemoved(r.provider(), r.fullName());
        } else if (action instanceof DeliveryAction.RepositoryRenamed r) {
            repositories.get().repositoryRenamed(r.provider(), r.oldFullName(), r.newFullName());
        } else if (action instanceof DeliveryAction.TeamChanged t) {
            organizations.get().teamChanged(t.provider(), t.organization(), t.teamSlug());
        } else if (action instanceof DeliveryAction.TeamDeleted t) {
            organizations.get().teamDeleted(t.provider(), t.organization(), t.teamSlug());
        } else if (action instanceof DeliveryAction.MembershipChanged m) {
            organizations.get().membershipChanged(m.provider(), m.organization(), m.teamSlug());
        } else if (action instanceof DeliveryAction.MembersChanged m) {
            organizations.get().membersChanged(m.provider(), m.organization());
        } else {
            throw new IllegalStateException("not an action to apply as such: " + action.describe());
        }
    }
}
