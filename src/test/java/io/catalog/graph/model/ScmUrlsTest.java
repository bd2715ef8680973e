package io.catalog.graph.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The GitHub links Backstage puts on entities read from a blob URL. */
class ScmUrlsTest {

    private final ScmUrls scm = ScmUrls.gitHub(List.of("https://ghe.example.com/api/v3"));

    @Test
    void aBlobUrlOnGitHubGivesTheFolderAsTreeTheBlobAsViewAndTheEditForm() {
        assertThat(scm.linksOf("https://github.com/acme/mono/blob/main/services/a/catalog-info.yaml")).hasValue(new ScmUrls.Links(
                "url:https://github.com/acme/mono/tree/main/services/a/",
                "https://github.com/acme/mono/blob/main/services/a/catalog-info.yaml",
                "https://github.com/acme/mono/edit/main/services/a/catalog-info.yaml"));
        assertThat(scm.linksOf("https://github.com/acme/svc/blob/main/catalog-info.yaml").orElseThrow().sourceLocation())
                .isEqualTo("url:https://github.com/acme/svc/tree/main/");
    }

    @Test
    void anEnterpriseHostIsKnownByItsApiUrl() {
        assertThat(ScmUrls.gitHubWebBase("https://api.github.com")).isEqualTo("https://github.com");
        assertThat(scm.linksOf("https://ghe.example.com/acme/svc/blob/main/catalog-info.yaml")).isPresent();
    }

    @Test
    void otherHostsAndOtherUrlShapesGetNoGitHubLinks() {
        assertThat(scm.linksOf("https://gitlab.example.com/acme/svc/blob/main/catalog-info.yaml")).isEmpty();
        assertThat(scm.linksOf("https://github.com/acme/svc/raw/main/catalog-info.yaml")).isEmpty();
        assertThat(scm.linksOf("https://github.com/acme/svc/blob/main/catalog-info.yaml?raw=true")).isEmpty();
    }
}
