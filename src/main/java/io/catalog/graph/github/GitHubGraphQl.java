package io.catalog.graph.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * GitHub's GraphQL endpoint for one client: {@code github-api} has no GraphQL, so a query goes through the same
 * connector (request counts, timeouts) with the same credentials as the client's REST calls. GraphQL has a budget of
 * its own (points, {@code x-ratelimit-resource: graphql}), so a query refused for its limit blocks only further
 * queries until GitHub's reset, and a GitHub without the endpoint is not asked again for an hour; callers fall back to
 * REST meanwhile.
 */
final class GitHubGraphQl {

    /** A query GitHub did not answer as a whole (HTTP error, rate limit, an error not tied to one field). */
    static final class Unanswered extends IOException {
        Unanswered(String message) {
            super(message);
        }
    }

    /** How long a GitHub that has no GraphQL endpoint (404) is read through REST alone before GraphQL is tried again. */
    private static final java.time.Duration NOT_HERE_WAIT = java.time.Duration.ofHours(1);

    private final URL endpoint;
    private final GitHubConnector connector;
    private final AuthorizationProvider authorization;
    private final ObjectMapper json;
    private final AtomicReference<Instant> blockedUntil = new AtomicReference<>();
    /** How long after an answer that may be a passing failure (a 5xx, a timeout, a body that is not one) it rests. */
    private final java.time.Duration retryDelay;

    GitHubGraphQl(URL endpoint, GitHubConnector connector, AuthorizationProvider authorization, ObjectMapper json,
                  java.time.Duration retryDelay) {
        this.retryDelay = retryDelay;
        this.endpoint = endpoint;
        this.connector = connector;
        this.authorization = authorization;
        this.json = json;
    }

    /**
     * The answer's root ({@code data}, and {@code errors} naming the fields that could not be resolved, such as a
     * repository that is not there).
     */
    JsonNode query(String query, ObjectNode variables) throws IOException {
        Instant blocked = blockedUntil.get();
        if (blocked != null && blocked.isAfter(Instant.now())) {
            throw new Unanswered("GitHub's GraphQL rate limit: no query before " + blocked);
        }
        ObjectNode body = json.createObjectNode().put("query", query);
        body.set("variables", variables);
        ConnectorRequest request = new ConnectorRequest("POST", endpoint, Map.of(
                "Authorization", List.of(authorization.getEncodedAuthorization()),
                "Content-Type", List.of("application/json"),
                "Accept", List.of("application/json")), json.writeValueAsBytes(body));
        JsonNode answer;
        GitHubConnectorResponse sent;
        try {
            sent = connector.send(request);
        } catch (IOException e) { // a GitHub that does not answer is not asked at every batch (each waits for the timeout)
            blockedUntil.set(Instant.now().plus(retryDelay));
            throw new Unanswered("GitHub did not answer a GraphQL query: " + e.getMessage());
        }
        try (GitHubConnectorResponse response = sent) {
            int status = response.statusCode();
            if (status != 200) {
                if (status == 403 || status == 429) {
                    block(response);
                } else {
                    // a 5xx may pass; any other refusal (no GraphQL here: a proxy, an Enterprise Server without it; a
                    // query it cannot take) is not asked again for an hour
                    blockedUntil.set(Instant.now().plus(status >= 500 ? retryDelay : NOT_HERE_WAIT));
                }
                throw new Unanswered("GitHub answered HTTP " + status + " for a GraphQL query");
            }
            try (InputStream in = response.bodyStream()) {
                answer = json.readTree(in);
            } catch (IOException e) {
                blockedUntil.set(Instant.now().plus(retryDelay));
                throw new Unanswered("GitHub's GraphQL answer is not JSON: " + e.getMessage());
            }
            for (JsonNode error : answer.path("errors")) {
                if (rateLimit(error)) {
                    block(response);
                    throw new Unanswered("GitHub's GraphQL rate limit: " + error.path("message").asText());
                }
                if (!error.has("path")) {
                    throw new Unanswered("GitHub could not answer a GraphQL query: " + error.path("message").asText());
                }
            }
            if (!answer.path("data").isObject()) {
                blockedUntil.set(Instant.now().plus(retryDelay));
                throw new Unanswered("GitHub's GraphQL answer has no data");
            }
        }
        return answer;
    }

    /** After a refusal for the limit (or a 403 for a permission: as good a reason to stop asking), as REST waits. */
    private void block(GitHubConnectorResponse response) {
        Long reset = RequestStats.number(response.header("x-ratelimit-reset"));
        blockedUntil.set(RequestStats.waitUntil(RequestStats.number(response.header("retry-after")),
                Long.valueOf(0).equals(RequestStats.number(response.header("x-ratelimit-remaining"))),
                reset == null ? null : Instant.ofEpochSecond(reset)));
    }

    /** GitHub has named its limit error {@code RATE_LIMITED}, and {@code RATE_LIMIT} with code {@code graphql_rate_limit}. */
    private static boolean rateLimit(JsonNode error) {
        String type = error.path("type").asText();
        return type.equals("RATE_LIMITED") || type.equals("RATE_LIMIT") || error.path("code").asText().equals("graphql_rate_limit");
    }
}
