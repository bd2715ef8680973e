package io.catalog.graph.github.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.github.CatalogPathPattern;
import io.catalog.graph.github.GitHubProviderSettings;
import io.catalog.graph.github.GitHubUrls;
import io.catalog.graph.github.RepositoryFilter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;

/** Sample deliveries in GitHub's shapes (src/test/resources/github/webhooks/) and providers to read them with. */
final class WebhookPayloads {

    static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayloads() {
    }

    /** A fresh copy of a sample payload, to change as a test needs. */
    static ObjectNode load(String name) {
        try (InputStream in = WebhookPayloads.class.getResourceAsStream("/github/webhooks/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample payload " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token provider of {@code organization} on the host of {@code apiUrl}, reading each repository's default branch. */
    static GitHubProviderSettings provider(String id, String organization, String apiUrl) {
        return provider(id, organization, apiUrl, null, true, new GitHubProviderSettings.Token("test-token"));
    }

    static GitHubProviderSettings provider(String id, String organization, String apiUrl, String branch, boolean orgEnabled,
                                           GitHubProviderSettings.Credentials credentials) {
        return new GitHubProviderSettings(id, organization, apiUrl, GitHubUrls.forApi(apiUrl), credentials,
                CatalogPathPattern.of("/catalog-info.yaml"), new RepositoryFilter(null, branch, Set.of(), Set.of(), true, false, Set.of()),
                Duration.ofMinutes(15), orgEnabled);
    }
}
