package io.catalog.graph.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.catalog.graph.testing.GitHubStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.authorization.ImmutableAuthorizationProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GraphQL adapter against a local GitHub over real HTTP: what it sends, and when it stops asking (each refusal
 * sends the caller to REST; asking again at every batch would only be refused again).
 */
class GitHubGraphQlTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GitHubStub GITHUB = new GitHubStub();

    private GitHubGraphQl graphql;

    @BeforeEach
    void fresh() throws Exception {
        GITHUB.reset();
        GITHUB.repositories("acme", List.of(GitHubStub.Repo.of("acme/one")), 100);
        GITHUB.file("acme/one", "main", "catalog-info.yaml", "kind: Component\n");
        HttpTransport transport = new HttpTransport(HttpClient.newHttpClient(), Duration.ofSeconds(2));
        graphql = new GitHubGraphQl(URI.create(GITHUB.apiUrl().replace("/api/v3", "/api/graphql")).toURL(), transport,
                ImmutableAuthorizationProvider.fromOauthToken("test-token"), JSON, Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        GITHUB.close();
    }

    private List<DescriptorLookup.Target> one() {
        return List.of(new DescriptorLookup.Target("acme/one", "acme", "one", "main", "catalog-info.yaml"));
    }

    private Object ask() throws IOException {
        return DescriptorLookup.answers(one(), graphql.query(DescriptorLookup.query(1), DescriptorLookup.variables(one(), JSON)));
    }

    @Test
    void aQueryIsPostedWithTheClientsCredentialsAndAnswered() throws Exception {
        assertThat(ask()).asString().contains("Present");
        assertThat(GITHUB.server().findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/api/graphql"))))
                .singleElement().satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("token test-token"));
    }

    @Test
    void aLimitStatedInTheBodyStopsQueriesUntilTheReset() throws Exception {
        GITHUB.graphqlRateLimitedInBody(Instant.now().plusSeconds(3600));
        assertThatThrownBy(this::ask).isInstanceOf(GitHubGraphQl.Unanswered.class).hasMessageContaining("rate limit");
        GITHUB.recover();
        assertThatThrownBy(this::ask).isInstanceOf(GitHubGraphQl.Unanswered.class);
        assertThat(GITHUB.graphqlRequests()).as("not asked again before the reset").isEqualTo(1);
    }

    @Test
    void aGitHubWithoutTheEndpointOrFailingIsNotAskedAtEveryBatch() throws Exception {
        for (int status : new int[]{404, 502}) {
            fresh();
            GITHUB.graphqlFailing(status);
            assertThatThrownBy(this::ask).isInstanceOf(GitHubGraphQl.Unanswered.class).hasMessageContaining("HTTP " + status);
            GITHUB.recover();
            assertThatThrownBy(this::ask).isInstanceOf(GitHubGraphQl.Unanswered.class);
            assertThat(GITHUB.graphqlRequests()).as("HTTP %d: asked once", status).isEqualTo(1);
        }
    }

    @Test
    void aGitHubThatDoesNotAnswerIsNotAskedAtEveryBatch() throws Exception {
        GITHUB.server().stubFor(WireMock.post(WireMock.urlPathEqualTo("/api/graphql")).atPriority(1)
                .willReturn(WireMock.aResponse().withStatus(200).withFixedDelay(3_000)));
        assertThatThrownBy(this::ask).isInstanceOf(GitHubGraphQl.Unanswered.class).hasMessageContaining("did not answer");
        assertThatThrownBy(this::ask).isInstanceOf(GitHubGraphQl.Unanswered.class);
        assertThat(GITHUB.graphqlRequests()).isEqualTo(1);
    }
}
