package io.catalog.graph.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A local GitHub ({@link GitHubStub}) with a GitHub App ({@link GitHubAppStub}, id {@link #APP_ID}) whose key pair is
 * made at start-up, and providers configured as an operator configures an App: {@code apps} scans every installation
 * (the key pasted as GitHub gives it, PKCS#1, in {@code private-key}); {@code one} scans installation
 * {@link #ONE_INSTALLATION} only (the key as PKCS#8, in {@code private-key-file}); {@code limited} reads organisation
 * {@link #LIMITED_ORGANIZATION} alone, for the tests that leave it waiting on a rate limit; {@code release} reads
 * organisation {@link #RELEASE_ORGANIZATION}'s branch {@link #RELEASE_BRANCH}, a branch name with a slash.
 */
public class GitHubAppTestResource implements QuarkusTestResourceLifecycleManager {

    public static final long APP_ID = 4242;
    /** The installation provider {@code one} is limited to. */
    public static final long ONE_INSTALLATION = 102;
    /** The organisation provider {@code limited} reads (and no other provider reads by name). */
    public static final String LIMITED_ORGANIZATION = "acme-limited";
    public static final String RELEASE_ORGANIZATION = "acme-release";
    public static final String RELEASE_BRANCH = "release/1.0";

    private static volatile GitHubStub stub;
    private static volatile GitHubAppKeys keys;
    private Path keyFile;

    /** The local GitHub the running app talks to. */
    public static GitHubStub github() {
        return stub;
    }

    /** The App's key pair: the running app signs with its private half. */
    public static GitHubAppKeys keys() {
        return keys;
    }

    @Override
    public Map<String, String> start() {
        stub = new GitHubStub();
        keys = new GitHubAppKeys();
        try {
            keyFile = Files.createTempFile("github-app", ".pem");
            Files.writeString(keyFile, keys.pkcs8Pem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.ofEntries(
                Map.entry("catalog.providers.github.apps.app-id", Long.toString(APP_ID)),
                Map.entry("catalog.providers.github.apps.private-key", keys.pkcs1Pem()),
                Map.entry("catalog.providers.github.apps.api-url", stub.apiUrl()),
                Map.entry("catalog.providers.github.apps.schedule", "1h"),
                Map.entry("catalog.providers.github.one.app-id", Long.toString(APP_ID)),
                Map.entry("catalog.providers.github.one.private-key-file", keyFile.toString()),
                Map.entry("catalog.providers.github.one.installation-id", Long.toString(ONE_INSTALLATION)),
                Map.entry("catalog.providers.github.one.api-url", stub.apiUrl()),
                Map.entry("catalog.providers.github.one.schedule", "1h"),
                Map.entry("catalog.providers.github.limited.organization", LIMITED_ORGANIZATION),
                Map.entry("catalog.providers.github.limited.app-id", Long.toString(APP_ID)),
                Map.entry("catalog.providers.github.limited.private-key", keys.pkcs1Pem()),
                Map.entry("catalog.providers.github.limited.api-url", stub.apiUrl()),
                Map.entry("catalog.providers.github.limited.schedule", "1h"),
                Map.entry("catalog.providers.github.limited.org.enabled", "false"),
                Map.entry("catalog.providers.github.release.organization", RELEASE_ORGANIZATION),
                Map.entry("catalog.providers.github.release.app-id", Long.toString(APP_ID)),
                Map.entry("catalog.providers.github.release.private-key", keys.pkcs1Pem()),
                Map.entry("catalog.providers.github.release.api-url", stub.apiUrl()),
                Map.entry("catalog.providers.github.release.schedule", "1h"),
                Map.entry("catalog.providers.github.release.org.enabled", "false"),
                Map.entry("catalog.providers.github.release.filters.branch", RELEASE_BRANCH),
                Map.entry("catalog.github.webhook-secret", GitHubTestResource.WEBHOOK_SECRET),
                // tests scan through POST /api/admin/providers/{id}/scan; a scheduled scan must not run beside them
                Map.entry("catalog.github.first-scan-delay", "1h"));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
        try {
            if (keyFile != null) {
                Files.deleteIfExists(keyFile);
            }
        } catch (IOException e) {
            // a temporary file left behind
        }
    }

    /** The profile of the GitHub App tests: {@code @TestProfile(GitHubAppTestResource.Profile.class)}. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(CatalogTestResource.class), new TestResourceEntry(GitHubAppTestResource.class));
        }
    }
}
