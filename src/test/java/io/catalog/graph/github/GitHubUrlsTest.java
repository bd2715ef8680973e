package io.catalog.graph.github;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** Blob URLs as GitHub writes them, and back to repository, branch and path. */
class GitHubUrlsTest {

    private final GitHubUrls release = GitHubUrls.forApi("https://api.github.com", "release/1.0");
    private final GitHubUrls defaults = GitHubUrls.forApi("https://api.github.com");

    @Test
    void theConfiguredBranchWithASlashIsWrittenAsGitHubWritesItAndParsedBackWhole() {
        String blob = release.blob("acme/svc", "release/1.0", "services/a/catalog-info.yaml");

        assertThat(blob).isEqualTo("https://github.com/acme/svc/blob/release/1.0/services/a/catalog-info.yaml");
        assertThat(release.parseBlob(URI.create(blob)))
                .contains(new GitHubUrls.Blob("acme", "svc", "release/1.0", "services/a/catalog-info.yaml"));
    }

    @Test
    void anotherBranchIsStillItsFirstSegmentForThatProvider() {
        assertThat(release.parseBlob(URI.create("https://github.com/acme/svc/blob/main/catalog-info.yaml")))
                .contains(new GitHubUrls.Blob("acme", "svc", "main", "catalog-info.yaml"));
        assertThat(release.parseBlob(URI.create("https://github.com/acme/svc/blob/release/1.0")))
                .as("the branch and no path after it").contains(new GitHubUrls.Blob("acme", "svc", "release", "1.0"));
    }

    @Test
    void aRefWithASlashTheProviderDoesNotKnowIsWrittenEncodedSoItParsesBackWhole() {
        String blob = defaults.blob("acme/svc", "feature/x", "catalog-info.yaml");

        assertThat(blob).isEqualTo("https://github.com/acme/svc/blob/feature%2Fx/catalog-info.yaml");
        assertThat(defaults.parseBlob(URI.create(blob))).contains(new GitHubUrls.Blob("acme", "svc", "feature/x", "catalog-info.yaml"));
    }

    @Test
    void namesWithSpacesAndOtherHostsAndShapes() {
        String blob = defaults.blob("acme/svc", "main", "/docs/my file.yaml");
        assertThat(blob).isEqualTo("https://github.com/acme/svc/blob/main/docs/my%20file.yaml");
        assertThat(defaults.parseBlob(URI.create(blob))).contains(new GitHubUrls.Blob("acme", "svc", "main", "docs/my file.yaml"));

        assertThat(defaults.parseBlob(URI.create("https://example.com/acme/svc/blob/main/catalog-info.yaml"))).isEmpty();
        assertThat(defaults.parseBlob(URI.create("https://github.com/acme/svc/tree/main/catalog-info.yaml"))).isEmpty();
        assertThat(defaults.parseBlob(URI.create("https://github.com/acme/svc/blob/main/"))).isEmpty();
        assertThat(defaults.parseBlob(URI.create("https://github.com/acme/svc/blob/main"))).isEmpty();
    }
}
