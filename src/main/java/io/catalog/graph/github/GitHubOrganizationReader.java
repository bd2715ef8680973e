package io.catalog.graph.github;

import io.catalog.graph.app.CatalogConfig;
import io.catalog.graph.ingest.LocationReadException;
import io.catalog.graph.ingest.ReadPolicy;
import io.catalog.graph.ingest.ReadResult;
import io.catalog.graph.ingest.SourceReader;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Reads an organisation's location ({@code https://github.com/ORG}) from its stored snapshot, not from GitHub: the
 * teams and members as Group and User descriptors ({@link OrganizationEntities}). So the refresh loop's usual rules
 * apply: a successful read that no longer has a team removes its group; with no complete read stored yet the read
 * fails and nothing is removed. The ETag is the snapshot's digest: an unchanged snapshot is not even generated again.
 */
@ApplicationScoped
public class GitHubOrganizationReader implements SourceReader {

    /** Bumped when the generated descriptors change shape, so stored ETags no longer match. */
    private static final String FORMAT = "org-v1:";

    private final GitHubClients clients;
    private final OrganizationSnapshotStore snapshots;
    private final int maxDocuments;

    public GitHubOrganizationReader(GitHubClients clients, OrganizationSnapshotStore snapshots, CatalogConfig config) {
        this.clients = clients;
        this.snapshots = snapshots;
        this.maxDocuments = config.limits().maxDocuments();
    }

    @Override
    public boolean reads(URI url) {
        return organization(url).isPresent() && !providersOf(url).isEmpty();
    }

    @Override
    public ReadResult read(URI url, ReadPolicy policy, String ifNoneMatch) throws LocationReadException {
        String organization = organization(url).orElseThrow(() -> new LocationReadException(url + " is not a GitHub organisation's page"));
        List<GitHubProviderSettings> providers = providersOf(url);
        OrganizationSnapshotStore.Stored stored = snapshots.find(providers.stream().map(GitHubProviderSettings::key).toList(), organization)
                .orElseThrow(() -> new LocationReadException("the teams and members of GitHub organisation " + organization
                        + " have not been read completely yet"));
        String etag = FORMAT + stored.digest();
        if (etag.equals(ifNoneMatch)) {
            return ReadResult.notModified(etag);
        }
        OrganizationEntities.Generated generated = OrganizationEntities.of(stored.snapshot(), providers.get(0).urls());
        if (generated.entities().size() > maxDocuments) {
            throw new LocationReadException("GitHub organisation " + organization + " has " + generated.entities().size()
                    + " teams and members, more than catalog.limits.max-documents (" + maxDocuments
                    + "); raise it to serve them (the last good groups and users stay meanwhile)");
        }
        byte[] descriptor = generated.descriptor();
        if (descriptor.length > policy.maxBytes()) {
            throw new LocationReadException("the teams and members of GitHub organisation " + organization + " take "
                    + descriptor.length + " bytes, more than catalog.limits.max-bytes (" + policy.maxBytes()
                    + "); raise it to serve them (the last good groups and users stay meanwhile)");
        }
        return new ReadResult(descriptor, etag, false);
    }

    /** The organisation an organisation page names: one path segment, nothing else. */
    private Optional<String> organization(URI url) {
        String path = url.getRawPath();
        if (path == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            return Optional.empty();
        }
        String segment = path.replaceFirst("^/", "");
        return segment.isEmpty() || segment.contains("/") ? Optional.empty() : Optional.of(segment);
    }

    private List<GitHubProviderSettings> providersOf(URI url) {
        Optional<String> organization = organization(url);
        return clients.providers().stream()
                .filter(p -> p.orgEnabled() && p.urls().owns(url))
                .filter(p -> p.urls().organization(organization.orElse("")).equalsIgnoreCase(url.toString()))
                .toList();
    }
}
