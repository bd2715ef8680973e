package io.catalog.graph.github.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PushFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theNetChangeOfEachFileFollowsTheCommitsInOrder() throws Exception {
        JsonNode commits = JSON.readTree("""
                [{"added": ["a.yaml", "b.yaml"], "removed": ["c.yaml"], "modified": ["d.yaml", "e.yaml"]},
                 {"added": ["c.yaml"], "removed": ["a.yaml", "d.yaml"], "modified": ["b.yaml"]}]""");

        PushFiles files = PushFiles.ofCommits(commits);

        // a: added then removed; b: added then modified; c: removed then added; d: modified then removed; e: modified
        assertThat(files.addedOrModified()).containsExactlyInAnyOrder("b.yaml", "c.yaml", "e.yaml");
        assertThat(files.removed()).containsExactlyInAnyOrder("a.yaml", "d.yaml");
    }

    @Test
    void aComparisonNamesRenamesAsTheOldPathRemovedAndTheNewOneAdded() {
        PushFiles files = PushFiles.ofCompare(List.of(
                new PushFiles.ComparedFile("added", "new/catalog-info.yaml", null),
                new PushFiles.ComparedFile("modified", "catalog-info.yaml", null),
                new PushFiles.ComparedFile("removed", "gone/catalog-info.yaml", null),
                new PushFiles.ComparedFile("renamed", "moved/catalog-info.yaml", "before/catalog-info.yaml"),
                new PushFiles.ComparedFile("changed", "mode.yaml", null))).orElseThrow();

        assertThat(files.addedOrModified()).containsExactlyInAnyOrder("new/catalog-info.yaml", "catalog-info.yaml",
                "moved/catalog-info.yaml", "mode.yaml");
        assertThat(files.removed()).containsExactlyInAnyOrder("gone/catalog-info.yaml", "before/catalog-info.yaml");
    }

    @Test
    void aComparisonAtGitHubsFileCapNamesNothing() {
        List<PushFiles.ComparedFile> capped = IntStream.range(0, PushFiles.COMPARE_FILE_CAP)
                .mapToObj(i -> new PushFiles.ComparedFile("modified", "f" + i, null)).toList();
        assertThat(PushFiles.ofCompare(capped)).isEmpty();
        assertThat(PushFiles.ofCompare(capped.subList(0, PushFiles.COMPARE_FILE_CAP - 1))).isPresent();
    }
}
