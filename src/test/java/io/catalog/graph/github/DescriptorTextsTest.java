package io.catalog.graph.github;

import io.catalog.graph.processing.RereadRequested;
import io.catalog.graph.testing.GitHubTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The descriptors kept from scans, against the real database: what is served, and what a later change empties. */
@QuarkusTest
@TestProfile(GitHubTestResource.Profile.class)
class DescriptorTextsTest {

    @Inject
    DescriptorTexts texts;
    @Inject
    Event<RereadRequested> rereads;

    private static String url(String repository) {
        return "https://github.example/" + repository + "/blob/main/catalog-info.yaml";
    }

    private static DescriptorTexts.Text text(String repository, String body) {
        return new DescriptorTexts.Text(url(repository), repository, "oid-" + body, body.getBytes(StandardCharsets.UTF_8));
    }

    private String served(String repository) {
        return texts.body(url(repository)).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void aReadReplacesTheRepositorysTextsAndARepositoryReadWithoutOneHasNone() {
        String a = "texts/" + UUID.randomUUID();
        String b = "texts/" + UUID.randomUUID();
        texts.replace("github:t", List.of(a, b), List.of(text(a, "first"), text(b, "first")), texts.now());

        texts.replace("github:t", List.of(a, b), List.of(text(a, "second")), texts.now());

        assertThat(served(a)).isEqualTo("second");
        assertThat(served(b)).isNull();
    }

    @Test
    void aPushAfterAScansQueryStartedIsNotUndoneByItsOlderAnswer() {
        String repository = "texts/" + UUID.randomUUID();
        texts.replace("github:t", List.of(repository), List.of(text(repository, "before")), texts.now());
        Instant queried = texts.now(); // a scan's query starts, and reads the file as it was before the push

        texts.forget("github:t", repository, List.of(url(repository))); // the push's webhook
        texts.replace("github:t", List.of(repository), List.of(text(repository, "before")), queried);

        assertThat(served(repository)).as("read from GitHub, not the scan's older text").isNull();

        texts.replace("github:t", List.of(repository), List.of(text(repository, "after")), texts.now());
        assertThat(served(repository)).as("a query started after the push fills it").isEqualTo("after");
    }

    @Test
    void aPushOnAFileNoScanHasReadYetIsNotFilledByAQueryThatStartedBefore() {
        String repository = "texts/" + UUID.randomUUID();
        Instant queried = texts.now();
        texts.forget("github:t", repository, List.of(url(repository)));

        texts.replace("github:t", List.of(repository), List.of(text(repository, "before")), queried);

        assertThat(served(repository)).isNull();
    }

    @Test
    void aRefreshAskedForByHandEmptiesTheLocationsText() {
        String repository = "texts/" + UUID.randomUUID();
        texts.replace("github:t", List.of(repository), List.of(text(repository, "kept")), texts.now());

        rereads.fire(new RereadRequested(url(repository)));

        assertThat(served(repository)).isNull();
    }
}
