package io.catalog.graph.github.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.github.GitHubProviderSettings;
import io.catalog.graph.testing.GitHubStub;
import io.catalog.graph.testing.GitHubStub.ComparedFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static io.catalog.graph.github.webhook.WebhookPayloads.load;
import static io.catalog.graph.github.webhook.WebhookPayloads.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A push over GitHub's 2,048-commit payload cap, from delivery to the files it changed: the interpreter asks for a
 * comparison, and the real github-api client reads it from a local GitHub.
 */
class PushCompareTest {

    private static final GitHubStub GITHUB = new GitHubStub();
    private static final String BEFORE = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    private static final String AFTER = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";

    private GitHubProviderSettings acme;
    private PushCompare compare;

    @BeforeEach
    void connect() throws IOException {
        GITHUB.reset();
        acme = provider("acme", "acme", GITHUB.apiUrl());
        // the real github-api client with its own connector (the catalog's conditional transport is ConditionalRequestsTest's)
        GitHub client = new GitHubBuilder().withEndpoint(GITHUB.apiUrl()).withOAuthToken("test-token")
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL).withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL).build();
        compare = new PushCompare((provider, owner) -> client);
        GITHUB.repositories("acme", List.of(GitHubStub.Repo.of("acme/payments")), 100);
    }

    @AfterAll
    static void stop() {
        GITHUB.close();
    }

    @Test
    void aPushAtTheCommitCapIsResolvedIntoTheFilesTheComparisonNames() throws IOException {
        GITHUB.compare("acme/payments", BEFORE, AFTER, List.of(
                new ComparedFile("added", "services/new/catalog-info.yaml", null),
                new ComparedFile("modified", "catalog-info.yaml", null),
                new ComparedFile("removed", "services/old/catalog-info.yaml", null),
                new ComparedFile("renamed", "moved/catalog-info.yaml", "was-here/catalog-info.yaml"),
                new ComparedFile("modified", "README.md", null)));

        DeliveryAction resolved = compare.resolve(compareNeeded(atCommitCap()));

        assertThat(resolved).isEqualTo(new DeliveryAction.FilesChanged(acme, "acme/payments", "main",
                Set.of("services/new/catalog-info.yaml", "catalog-info.yaml", "moved/catalog-info.yaml", "README.md"),
                Set.of("services/old/catalog-info.yaml", "was-here/catalog-info.yaml")));
        assertThat(GITHUB.gets("/repos/acme/payments/compare/.*")).isEqualTo(1);
    }

    @Test
    void aComparisonCutAtGitHubsFileCapHasTheRepositoryReadAgain() throws IOException {
        GITHUB.compare("acme/payments", BEFORE, AFTER, IntStream.range(0, 300)
                .mapToObj(i -> new ComparedFile("modified", "src/file" + i + ".java", null)).toList());

        assertThat(compare.resolve(compareNeeded(atCommitCap()))).isEqualTo(new DeliveryAction.RepositoryChanged(acme, "acme/payments"));
    }

    @Test
    void aComparisonOfACommitGitHubNoLongerHasHasTheRepositoryReadAgain() throws IOException {
        GITHUB.unknownCommit("acme/payments", BEFORE, AFTER);

        assertThat(compare.resolve(compareNeeded(atCommitCap()))).isEqualTo(new DeliveryAction.RepositoryChanged(acme, "acme/payments"));
    }

    @Test
    void gitHubFailingIsAnErrorToRetryNeverAnEmptyChange() {
        GITHUB.failing("/repos/acme/payments/compare/.*", 502);

        assertThatThrownBy(() -> compare.resolve(compareNeeded(atCommitCap()))).isInstanceOf(HttpException.class);
    }

    private DeliveryAction.CompareNeeded compareNeeded(ObjectNode push) {
        ((ObjectNode) push.get("repository")).put("html_url", GITHUB.webBase() + "/acme/payments");
        ((ObjectNode) push.get("organization")).put("url", GITHUB.apiUrl() + "/orgs/acme");
        Interpretation meaning = new DeliveryInterpreter(List.of(acme)).interpret("push", push);
        assertThat(meaning.actions()).singleElement().isInstanceOf(DeliveryAction.CompareNeeded.class);
        return (DeliveryAction.CompareNeeded) meaning.actions().get(0);
    }

    private static ObjectNode atCommitCap() {
        ObjectNode push = load("push");
        ArrayNode commits = push.putArray("commits");
        for (int i = 0; i < DeliveryInterpreter.PUSH_COMMIT_CAP; i++) {
            commits.addObject().put("id", "c" + i).putArray("modified").add("file" + i + ".txt");
        }
        return push;
    }
}
