package io.catalog.graph.github.webhook;

import io.catalog.graph.github.GitHubProviderSettings;
import org.kohsuke.github.GHCommit;
import org.kohsuke.github.GHCompare;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GitHub;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The files a push changed when its payload could not list them (over GitHub's 2,048 commits, or no commits listed):
 * one compare request. When even the comparison is cut at GitHub's 300 files, or names a commit GitHub no longer
 * has, the repository is read again instead.
 */
public final class PushCompare {

    /** A client for the provider and owner ({@code GitHubClients::client}). */
    @FunctionalInterface
    public interface Clients {
        GitHub client(GitHubProviderSettings provider, String owner) throws IOException;
    }

    private final Clients clients;

    public PushCompare(Clients clients) {
        this.clients = clients;
    }

    /** A {@link DeliveryAction.FilesChanged}, or a {@link DeliveryAction.RepositoryChanged} when the files cannot all be named. */
    public DeliveryAction resolve(DeliveryAction.CompareNeeded push) throws IOException {
        String owner = push.fullName().substring(0, push.fullName().indexOf('/'));
        GHCompare compare;
        try {
            compare = clients.client(push.provider(), owner).getRepository(push.fullName()).getCompare(push.before(), push.after());
        } catch (GHFileNotFoundException unknownCommit) {
            return new DeliveryAction.RepositoryChanged(push.provider(), push.fullName());
        }
        GHCommit.File[] listed = compare.getFiles();
        List<PushFiles.ComparedFile> files = listed == null ? List.of() : Arrays.stream(listed)
                .map(f -> new PushFiles.ComparedFile(f.getStatus(), f.getFileName(), f.getPreviousFilename())).toList();
        return PushFiles.ofCompare(files)
                .<DeliveryAction>map(changed -> new DeliveryAction.FilesChanged(push.provider(), push.fullName(), push.branch(),
                        changed.addedOrModified(), changed.removed()))
                .orElseGet(() -> new DeliveryAction.RepositoryChanged(push.provider(), push.fullName()));
    }
}
