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
 * with the provider's credentials: discovered descriptors, the files their placeholders name, and the Location
 * targets inside them. A descriptor a scan read in bulk is served as read ({@link DescriptorTexts}), without a request;
 * anything else goes through the contents API as a conditional request, so an unchanged file costs no rate limit.
 * A failure is an error on the one location being read.
 */
@ApplicationScoped
public class GitHubBlobReader implements SourceReader {

    private final GitHubClients clients;
    private final DescriptorTexts texts;

    public GitHubBlobReader(GitHubClients clients, DescriptorTexts texts) {
        this.clients = clients;
        this.texts = texts;
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
        Optional<byte[]> kept = texts.body(url.toString());
        if (kept.isPresent()) { // as the scan read it; a change to the repository replaces or deletes it
            if (kept.get().length > policy.maxBytes()) {
                throw tooLarge(url, policy);
            }
            return new ReadResult(kept.get(), null, false);
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
                throw tooLarge(url, policy);
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

    private static LocationReadException tooLarge(URI url, ReadPolicy policy) {
        return new LocationReadException(url + " is larger than the limit of " + policy.maxBytes() + " bytes (catalog.limits.max-bytes)");
    }

    private String describe(URI url, HttpException e, GitHubProviderSettings provider) {
        java.time.Instant blocked = clients.stats(provider.id()).blockedUntil();
        if (blocked != null) {
            return "GitHub rate limit reached while reading " + url + "; GitHub asks to wait until " + blocked;
        }
        // no answer at all (github-api's HTTP -1): say what happened instead
        return e.getResponseCode() > 0 ? "GitHub answered HTTP " + e.getResponseCode() + " for " + url
                : "cannot read " + url + " from GitHub: " + GitHubScanner.describe(e);
    }
}
