package io.catalog.graph.github;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a repository's locations become once its descriptors were looked for. */
class DescriptorChangesTest {

    private final GitHubUrls urls = new GitHubUrls("https://github.com");
    private final UUID root = UUID.randomUUID();
    private final UUID nested = UUID.randomUUID();

    private DescriptorChanges.Existing existing(UUID id, String ref, String path) {
        return new DescriptorChanges.Existing(id, new GitHubUrls.Blob("acme", "mono", ref, path));
    }

    @Test
    void descriptorsStillThereAreReadAgainAndNewOnesAdded() {
        DescriptorChanges changes = DescriptorChanges.between(urls, "acme/mono", "main",
                List.of("catalog-info.yaml", "services/a/catalog-info.yaml"), List.of(existing(root, "main", "catalog-info.yaml")), true);

        assertThat(changes.refresh()).containsExactly(root);
        assertThat(changes.add()).containsExactly("https://github.com/acme/mono/blob/main/services/a/catalog-info.yaml");
        assertThat(changes.remove()).isEmpty();
        assertThat(changes.retarget()).isEmpty();
    }

    @Test
    void aDescriptorNoLongerFoundLosesItsLocationOnlyWhenTheSearchSawEverything() {
        List<DescriptorChanges.Existing> before = List.of(existing(root, "main", "catalog-info.yaml"),
                existing(nested, "main", "services/a/catalog-info.yaml"));

        assertThat(DescriptorChanges.between(urls, "acme/mono", "main", List.of("catalog-info.yaml"), before, true).remove())
                .containsExactly(nested);
        assertThat(DescriptorChanges.between(urls, "acme/mono", "main", List.of("catalog-info.yaml"), before, false).remove())
                .as("a tree too large to walk in full removes nothing").isEmpty();
    }

    @Test
    void aMovedBranchKeepsTheLocationsAndRetargetsThem() {
        DescriptorChanges changes = DescriptorChanges.between(urls, "acme/mono", "trunk", List.of("catalog-info.yaml"),
                List.of(existing(root, "main", "catalog-info.yaml")), true);

        assertThat(changes.retarget()).containsEntry(root, "https://github.com/acme/mono/blob/trunk/catalog-info.yaml");
        assertThat(changes.remove()).isEmpty();
        assertThat(changes.add()).isEmpty();
    }
}
