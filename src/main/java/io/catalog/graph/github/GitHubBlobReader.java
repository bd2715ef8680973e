package io.catalog.graph.github;

import io.catalog.graph.ingest.LocationReadException;
import io.catalog.graph.ingest.ReadPolicy;
import io.catalog.graph.ingest.ReadResult;
import io.catalog.graph.ingest.SourceReader;
import jakarta.enterprise.context.ApplicationScoped;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.HttpException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Comparator;
import java.util.Optional;

/**
 * Reads the blob URLs of configured GitHub hosts ({@code https://github.com/acme/repo/blob/main/catalog-info.yaml})
 * through the contents API with the provider's credentials: discovered descriptors, the files their placeholders
 * name, and the Location targets inside them. Each read is a conditional request, so an unchanged file costs no rate
 * limit. A failure is an error on the one location being read.
 */
@ApplicationScoped
public class GitHubBlobReader implements SourceReader {

    private final GitHubClients clients;

    public GitHubBlobReader(GitHubClients clients) {
        this.clients = clients;
    }

    @Override
    public boolean reads(URI url) {
        return clients.providers().stream().anyMatch(p -> p.urls().parseBlob(url).isPresent());
    }

    @Override
    public ReadResult read(URI url, ReadPolicy policy, String ifNoneMatch) throws LocationReadException {
        // a provider whose configured branch has a slash (release/1.0) sees where that branch ends; the others see "release"
        Optional<GitHubUrls.Blob> parsed = clients.providers().stream().flatMap(p -> p.urls().parseBlob(url).stream())
                .max(Comparator.comparingInt(b -> b.ref().length()));
        if (parsed.isEmpty()) {
            throw new LocationReadException(url + " is not a GitHub blob URL");
        }
        GitHubUrls.Blob blob = parsed.get();
        GitHubProviderSettings provider = clients.providerFor(url, blob.owner())
                .orElseThrow(() -> new LocationReadException("no GitHub provider is configured to read " + blob.owner() + " at " + url));
        java.time.Instant blocked = clients.stats(provider.id()).blockedUntil();
        if (blocked != null) { // asking now would only be refused again, and count against the next hour
            throw new LocationReadException("GitHub rate limit reached; " + url + " is read after " + blocked);
        }
        try {
            GHRepository repository = clients.repository(provider, blob.fullName());
            GHContent content = repository.getFileContent(blob.path(), blob.ref());
            if (!content.isFile()) {
                throw new LocationReadException(url + " is a " + content.getType() + ", not a file");
            }
            if (content.getSize() > policy.maxBytes()) {
                throw new LocationReadException(url + " is larger than the limit of " + policy.maxBytes()
                        + " bytes (catalog.limits.max-bytes)");
            }
            // above 1 MB the contents API leaves the content out; the blob API has it, still through the same client
            boolean inline = "base64".equalsIgnoreCase(content.getEncoding());
            try (InputStream in = inline ? content.read() : repository.getBlob(content.getSha()).read()) {
                return new ReadResult(in.readNBytes(policy.maxBytes() + 1), null, false);
            }
        } catch (GHFileNotFoundException e) {
            throw new LocationReadException(url + " was not found on GitHub (HTTP 404)");
        } catch (HttpException e) {
            throw new LocationReadException(describe(url, e, provider));
        } catch (IOException e) {
            throw new LocationReadException("cannot read " + url + " from GitHub: " + e.getMessage(), e);
        }
    }

    private String describe(URI url, HttpException e, GitHubProviderSettings provider) {
        java.time.Instant blocked = clients.stats(provider.id()).blockedUntil();
        if (blocked != null) {
            return "GitHub rate limit reached while reading " + url + "; GitHub asks to wait until " + blocked;
        }
        return "GitHub answered HTTP " + e.getResponseCode() + " for " + url;
    }
}
