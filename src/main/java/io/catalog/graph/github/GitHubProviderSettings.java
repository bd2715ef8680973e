package io.catalog.graph.github;

import io.catalog.graph.app.CatalogConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One GitHub provider as configured under {@code catalog.providers.github.<id>.}, checked once at start-up. Secrets
 * are read here (from the value or its {@code -file} twin) and never appear in {@link #toString()}.
 *
 * @param organization the organisation scanned; null when a GitHub App scans every installation it has
 */
public record GitHubProviderSettings(String id, String organization, String apiUrl, GitHubUrls urls, Credentials credentials,
                                     CatalogPathPattern catalogPath, RepositoryFilter filter, Duration schedule,
                                     boolean orgEnabled) {

    /** How the provider authenticates. */
    public sealed interface Credentials permits Token, App {
    }

    public record Token(String token) implements Credentials {
        @Override
        public String toString() {
            return "Token[***]";
        }
    }

    /** @param installationId null: the installation of the organisation, or every installation without one */
    public record App(long appId, String privateKeyPem, Long installationId) implements Credentials {
        @Override
        public String toString() {
            return "App[appId=" + appId + ", installationId=" + installationId + ", privateKey=***]";
        }
    }

    /** The provider's name in locations, metrics and the admin route: {@code github:<id>}. */
    public String key() {
        return "github:" + id;
    }

    /** GitHub's GraphQL endpoint: {@code https://api.github.com/graphql}, or {@code https://HOST/api/graphql} on Enterprise Server. */
    public String graphqlUrl() {
        return apiUrl.endsWith("/api/v3") ? apiUrl.substring(0, apiUrl.length() - "/v3".length()) + "/graphql" : apiUrl + "/graphql";
    }

    public static GitHubProviderSettings from(String id, CatalogConfig.GitHubProvider config) {
        String prefix = "catalog.providers.github." + id + ".";
        Credentials credentials;
        Optional<String> token = secret(config.token(), config.tokenFile(), prefix + "token");
        if (config.appId().isPresent()) {
            String key = secret(config.privateKey(), config.privateKeyFile(), prefix + "private-key")
                    .orElseThrow(() -> new IllegalArgumentException(prefix + "app-id is set: give " + prefix + "private-key or "
                            + prefix + "private-key-file too"));
            credentials = new App(config.appId().get(), key, config.installationId().orElse(null));
        } else {
            credentials = new Token(token.orElseThrow(() -> new IllegalArgumentException("give " + prefix + "token (or "
                    + prefix + "token-file), or a GitHub App (" + prefix + "app-id and " + prefix + "private-key)")));
        }
        String organization = config.organization().filter(o -> !o.isBlank()).map(String::trim).orElse(null);
        if (organization == null && credentials instanceof Token) {
            throw new IllegalArgumentException(prefix + "organization is required with a token (only a GitHub App scans every installation)");
        }
        CatalogConfig.Filters filters = config.filters();
        RepositoryFilter filter;
        try {
            filter = RepositoryFilter.of(filters.repository(), filters.branch(), filters.topics().include(),
                    filters.topics().exclude(), filters.allowForks(), filters.allowArchived(), filters.visibility());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + e.getMessage(), e);
        }
        if (config.schedule().isNegative() || config.schedule().isZero()) {
            throw new IllegalArgumentException(prefix + "schedule must be positive");
        }
        return new GitHubProviderSettings(id, organization, config.apiUrl().trim().replaceAll("/+$", ""),
                GitHubUrls.forApi(config.apiUrl(), filter.branch()), credentials, CatalogPathPattern.of(config.catalogPath()), filter,
                config.schedule(), config.org().enabled());
    }

    /** A secret given directly, or as a file holding it (a mounted Kubernetes secret); trailing newlines dropped. */
    public static Optional<String> secret(Optional<String> value, Optional<String> file, String key) {
        if (value.isPresent() && !value.get().isBlank()) {
            return value.map(String::strip);
        }
        if (file.isPresent() && !file.get().isBlank()) {
            try {
                return Optional.of(Files.readString(Path.of(file.get().trim())).strip());
            } catch (IOException e) {
                throw new IllegalArgumentException(key + "-file: cannot read " + file.get() + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return Optional.empty();
    }
}
