package io.catalog.graph.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.app.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import org.kohsuke.github.GHApp;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTargetType;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.authorization.AppInstallationAuthorizationProvider;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.authorization.ImmutableAuthorizationProvider;
import org.kohsuke.github.authorization.OrgAppInstallationAuthorizationProvider;
import org.kohsuke.github.extras.authorization.JWTTokenProvider;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured GitHub providers and a {@code github-api} client for each account they read. Every client goes
 * through {@link ConditionalRequests} (ETags, request counts, rate-limit headers) over {@link HttpTransport}, and
 * fails fast on a rate limit instead of sleeping in a worker: the caller records the wait and comes back later.
 */
@ApplicationScoped
public class GitHubClients {

    private static final Logger LOG = Logger.getLogger(GitHubClients.class);
    private static final int MAX_REPOSITORY_HANDLES = 10_000;

    private final Map<String, GitHubProviderSettings> providers = new LinkedHashMap<>();
    private final Map<String, RequestStats> stats = new ConcurrentHashMap<>();
    private final Map<String, GitHub> clients = new ConcurrentHashMap<>();
    private final Map<String, GitHubGraphQl> graphqls = new ConcurrentHashMap<>();
    private final Map<String, ConditionalRequests> connectors = new ConcurrentHashMap<>();
    /** The App installations the last listing gave, by provider and account login. */
    private final Map<String, GHAppInstallation> installations = new ConcurrentHashMap<>();
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Duration graphqlRetryDelay;
    /**
     * Repository objects by provider and full name, as a listing or an earlier read gave them: reading a file needs
     * one, and fetching it again would cost a request per file read (a costly one after every push).
     */
    private final Map<String, GHRepository> repositories = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, GHRepository> eldest) {
                    return size() > MAX_REPOSITORY_HANDLES;
                }
            });

    public GitHubClients(CatalogConfig config, DataSource dataSource, ObjectMapper json, Instance<GitHubResponseObserver> observers) {
        this.timeout = config.reading().timeout();
        this.graphqlRetryDelay = config.github().graphqlRetryDelay();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        List<GitHubResponseObserver> watching = observers.stream().toList();
        config.providers().github().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            GitHubProviderSettings settings = GitHubProviderSettings.from(entry.getKey(), entry.getValue());
            providers.put(settings.id(), settings);
            RequestStats counted = new RequestStats();
            stats.put(settings.id(), counted);
            connectors.put(settings.id(), new ConditionalRequests(new HttpTransport(http, timeout),
                    new JdbcHttpCache(dataSource, json, settings.key()), counted,
                    (url, body) -> watching.forEach(o -> o.observe(settings.id(), url, body))));
            LOG.infof("GitHub provider %s: %s at %s, catalog path %s", settings.id(),
                    settings.organization() == null ? "every installation of the App" : "organization " + settings.organization(),
                    settings.apiUrl(), settings.catalogPath());
        });
    }

    public List<GitHubProviderSettings> providers() {
        return List.copyOf(providers.values());
    }

    public Optional<GitHubProviderSettings> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public RequestStats stats(String providerId) {
        return stats.get(providerId);
    }

    /**
     * The provider that reads {@code url}: the one on that host configured for the URL's owner, else one on that host
     * scanning every installation of its App. Empty for a URL no provider reads.
     */
    public Optional<GitHubProviderSettings> providerFor(URI url, String owner) {
        List<GitHubProviderSettings> onHost = providers.values().stream().filter(p -> p.urls().owns(url)).toList();
        return onHost.stream().filter(p -> p.organization() != null && p.organization().equalsIgnoreCase(owner)).findFirst()
                .or(() -> onHost.stream().filter(p -> p.organization() == null).findFirst());
    }

    /**
     * An account a provider reads: an organisation, or a user account a GitHub App is installed on. A user account
     * has no organisation to ask for its repositories, teams or members: its repositories are listed through the
     * installation ({@code GET /installation/repositories}).
     */
    public record Account(String login, boolean user) {
    }

    /**
     * The accounts a provider reads: its {@code organization}, or every account its GitHub App is installed on (one
     * request, answered by a 304 when nothing changed). The installations listed are kept: a client for one of those
     * accounts authenticates as it with no further lookup.
     */
    public List<Account> accounts(GitHubProviderSettings provider) throws IOException {
        if (provider.organization() != null) {
            return List.of(new Account(provider.organization(), false));
        }
        GitHubProviderSettings.App app = (GitHubProviderSettings.App) provider.credentials();
        List<Account> accounts = new ArrayList<>();
        for (GHAppInstallation installation : appClient(provider, app).getApp().listInstallations()) {
            if (app.installationId() == null || app.installationId() == installation.getId()) {
                String login = installation.getAccount().getLogin();
                installations.put(installationKey(provider, login), installation);
                // target_type is the account's type; read from the listing, as asking the account would cost a request
                accounts.add(new Account(login, installation.getTargetType() == GHTargetType.USER));
            }
        }
        accounts.sort(Comparator.comparing(Account::login));
        return accounts;
    }

    /**
     * The repository, from what a listing or an earlier call gave, else fetched (one request). Its file URLs are
     * built from its name, so a handle kept across a rename still reaches it (GitHub redirects).
     */
    public GHRepository repository(GitHubProviderSettings provider, String fullName) throws IOException {
        String key = provider.id() + "/" + fullName.toLowerCase(Locale.ROOT);
        GHRepository known = repositories.get(key);
        if (known != null) {
            return known;
        }
        GHRepository fetched = client(provider, fullName.substring(0, fullName.indexOf('/'))).getRepository(fullName);
        repositories.put(key, fetched);
        return fetched;
    }

    /** Keeps a repository a listing gave, so reading its files later costs no request to fetch it. */
    public void remember(GitHubProviderSettings provider, GHRepository repository) {
        repositories.put(provider.id() + "/" + repository.getFullName().toLowerCase(Locale.ROOT), repository);
    }

    /** A client authorised to read {@code owner}'s repositories for this provider; built once and reused. */
    public GitHub client(GitHubProviderSettings provider, String owner) throws IOException {
        String key = clientKey(provider, owner);
        GitHub existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        AuthorizationProvider authorization = authorization(provider, owner);
        GitHub built = build(provider, authorization, owner);
        graphqls.put(key, new GitHubGraphQl(URI.create(provider.graphqlUrl()).toURL(), connectors.get(provider.id()), authorization, json,
                graphqlRetryDelay));
        clients.put(key, built);
        return built;
    }

    /** GraphQL with the credentials of {@link #client}: for what REST would need a request per repository for. */
    GitHubGraphQl graphql(GitHubProviderSettings provider, String owner) throws IOException {
        client(provider, owner);
        return graphqls.get(clientKey(provider, owner));
    }

    private static String clientKey(GitHubProviderSettings provider, String owner) {
        return provider.id() + "/" + (provider.credentials() instanceof GitHubProviderSettings.Token ? "" : owner.toLowerCase(Locale.ROOT));
    }

    private AuthorizationProvider authorization(GitHubProviderSettings provider, String owner) throws IOException {
        if (provider.credentials() instanceof GitHubProviderSettings.Token token) {
            return ImmutableAuthorizationProvider.fromOauthToken(token.token());
        }
        GitHubProviderSettings.App app = (GitHubProviderSettings.App) provider.credentials();
        JWTTokenProvider jwt = jwt(provider, app);
        if (app.installationId() != null) {
            long id = app.installationId();
            return new AppInstallationAuthorizationProvider(ghApp -> ghApp.getInstallationById(id), jwt);
        }
        if (provider.organization() != null) {
            return new OrgAppInstallationAuthorizationProvider(owner, jwt);
        }
        // every installation: GET /orgs/OWNER/installation would 404 for a user account, the App's own list has both
        return new AppInstallationAuthorizationProvider(ghApp -> installationOf(provider, ghApp, owner), jwt);
    }

    /** The installation on {@code owner}, as the last listing gave it, else looked for in the App's installations. */
    private GHAppInstallation installationOf(GitHubProviderSettings provider, GHApp app, String owner) throws IOException {
        GHAppInstallation known = installations.get(installationKey(provider, owner));
        if (known != null) {
            return known;
        }
        for (GHAppInstallation installation : app.listInstallations()) {
            if (installation.getAccount().getLogin().equalsIgnoreCase(owner)) {
                installations.put(installationKey(provider, owner), installation);
                return installation;
            }
        }
        throw new GHFileNotFoundException("the GitHub App of provider " + provider.id() + " is not installed on " + owner);
    }

    private static String installationKey(GitHubProviderSettings provider, String login) {
        return provider.id() + "/" + login.toLowerCase(Locale.ROOT);
    }

    private GitHub appClient(GitHubProviderSettings provider, GitHubProviderSettings.App app) throws IOException {
        GitHub existing = clients.get(provider.id() + "#app");
        if (existing != null) {
            return existing;
        }
        GitHub built = build(provider, jwt(provider, app), "");
        clients.put(provider.id() + "#app", built);
        return built;
    }

    private static JWTTokenProvider jwt(GitHubProviderSettings provider, GitHubProviderSettings.App app) throws IOException {
        try {
            return new JWTTokenProvider(Long.toString(app.appId()), AppKeys.privateKey(app.privateKeyPem()));
        } catch (GeneralSecurityException e) {
            throw new IOException("GitHub provider " + provider.id() + ": " + e.getMessage(), e);
        }
    }

    /** @param account whose installation the client acts as ({@link ConditionalRequests#scopedTo}); empty for none */
    private GitHub build(GitHubProviderSettings provider, AuthorizationProvider authorization, String account) throws IOException {
        return new GitHubBuilder().withEndpoint(provider.apiUrl()).withConnector(connectors.get(provider.id()).scopedTo(account))
                .withAuthorizationProvider(authorization)
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                .build();
    }
}
