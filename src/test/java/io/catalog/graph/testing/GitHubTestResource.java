package io.catalog.graph.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * A local GitHub ({@link GitHubStub}) for the Quarkus tests of discovery, organisation data and webhooks, with three
 * providers configured against it: {@code acme} (organisation {@code acme}, one descriptor per repository at
 * {@code /catalog-info.yaml}), {@code mono} (organisation {@code mono-org}, descriptors at any depth:
 * {@code **}{@code /catalog-info.yaml}, no organisation data, repositories with the topic {@code no-catalog} left out)
 * and {@code strict} (organisation {@code strict-org}, no organisation data, every repository filter but topics set:
 * names matching {@value #STRICT_NAMES}, branch {@value #STRICT_BRANCH} read, public repositories only, no forks, archived
 * ones left out as by default). Every test of these shares one profile, so the app boots once for all of them.
 */
public class GitHubTestResource implements QuarkusTestResourceLifecycleManager {

    /** Signs the test deliveries. */
    public static final String WEBHOOK_SECRET = "test-webhook-secret";

    /** The largest delivery body the app takes in this profile. */
    public static final int WEBHOOK_MAX_BYTES = 4 * 1024 * 1024;

    /** {@code filters.repository} of provider {@code strict}: a name matches it as a whole, or not at all. */
    public static final String STRICT_NAMES = "svc-.*";

    /** {@code filters.branch} of provider {@code strict}: read instead of each repository's default branch. */
    public static final String STRICT_BRANCH = "release";

    private static volatile GitHubStub stub;

    /** The local GitHub the running app talks to. */
    public static GitHubStub github() {
        return stub;
    }

    @Override
    public Map<String, String> start() {
        stub = new GitHubStub();
        return Map.ofEntries(
                Map.entry("catalog.providers.github.acme.organization", "acme"),
                Map.entry("catalog.providers.github.acme.api-url", stub.apiUrl()),
                Map.entry("catalog.providers.github.acme.token", "test-github-token"),
                Map.entry("catalog.providers.github.acme.schedule", "1h"),
                Map.entry("catalog.providers.github.mono.organization", "mono-org"),
                Map.entry("catalog.providers.github.mono.api-url", stub.apiUrl()),
                Map.entry("catalog.providers.github.mono.token", "test-github-token"),
                Map.entry("catalog.providers.github.mono.catalog-path", "**/catalog-info.yaml"),
                Map.entry("catalog.providers.github.mono.schedule", "1h"),
                Map.entry("catalog.providers.github.mono.org.enabled", "false"),
                Map.entry("catalog.providers.github.mono.filters.topics.exclude", "no-catalog"),
                Map.entry("catalog.providers.github.strict.organization", "strict-org"),
                Map.entry("catalog.providers.github.strict.api-url", stub.apiUrl()),
                Map.entry("catalog.providers.github.strict.token", "test-github-token"),
                Map.entry("catalog.providers.github.strict.schedule", "1h"),
                Map.entry("catalog.providers.github.strict.org.enabled", "false"),
                Map.entry("catalog.providers.github.strict.filters.repository", STRICT_NAMES),
                Map.entry("catalog.providers.github.strict.filters.branch", STRICT_BRANCH),
                Map.entry("catalog.providers.github.strict.filters.visibility", "public"),
                Map.entry("catalog.providers.github.strict.filters.allow-forks", "false"),
                Map.entry("catalog.github.webhook-secret", WEBHOOK_SECRET),
                // small enough for a test to go over quickly, large enough for a push at GitHub's 2,048-commit cap
                Map.entry("catalog.github.webhook-max-bytes", Integer.toString(WEBHOOK_MAX_BYTES)),
                // a delivery that failed is retried within the wait of a test (then after 1 s, 2 s, 4 s)
                Map.entry("catalog.github.webhook-retry-delay", "500ms"),
                // tests scan through POST /api/admin/providers/{id}/scan; a scheduled scan must not run beside them
                Map.entry("catalog.github.first-scan-delay", "1h"),
                // a test that has GraphQL fail leaves it usable for the next one (the tests share the providers)
                Map.entry("catalog.github.graphql-retry-delay", "200ms"));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }

    /** The profile every GitHub Quarkus test runs under: {@code @TestProfile(GitHubTestResource.Profile.class)}. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CatalogTestResource.class), new TestResourceEntry(GitHubTestResource.class));
        }
    }
}
