package io.catalog.graph.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's GraphQL endpoint ({@code POST /api/graphql}, as on Enterprise Server) for the queries the catalog asks:
 * the object at {@code BRANCH:PATH} in each of several aliased repositories, and the profiles of several users. Answers as GitHub does: {@code data} with
 * one field per alias ({@code null} and a {@code NOT_FOUND} error for a repository that is not there, an
 * {@code object} of null for a path that is not), a Blob's {@code text} with {@code isTruncated} and
 * {@code isBinary}, and GraphQL's own rate-limit headers ({@code x-ratelimit-resource: graphql}). Each repository's
 * field must be written as the catalog writes it, or the query is refused as GitHub refuses an invalid one.
 */
final class GitHubGraphQlStub implements ResponseDefinitionTransformerV2 {

    static final String NAME = "github-graphql";
    private static final Pattern FIELD = Pattern.compile(
            "(r\\d+): repository\\(owner: \\$(o\\d+), name: \\$(n\\d+)\\) \\{ object\\(expression: \\$(e\\d+)\\) \\{ __typename"
                    + " \\.\\.\\. on Blob \\{ oid byteSize isBinary isTruncated text } } }");
    private static final Pattern USER = Pattern.compile("(u\\d+): user\\(login: \\$(l\\d+)\\) \\{ login name email }");

    /** A user's public profile: name and email, either null when not set or not public. */
    record Profile(String login, String name, String email) {
    }

    /** The files of the stub's repositories: repository full name and expression ({@code ref:path}) → text. */
    private final BiFunction<String, String, Optional<String>> files;
    /** Whether the stub has the repository at all. */
    private final java.util.function.Predicate<String> repositories;
    private final AtomicLong queries = new AtomicLong();
    private final Map<String, AtomicLong> asked = new ConcurrentHashMap<>();

    /** Users by lower-case login. */
    private final java.util.function.Function<String, Optional<Profile>> users;

    GitHubGraphQlStub(BiFunction<String, String, Optional<String>> files, java.util.function.Predicate<String> repositories,
                      java.util.function.Function<String, Optional<Profile>> users) {
        this.files = files;
        this.repositories = repositories;
        this.users = users;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    /** Queries answered (each costs a point of GraphQL's budget on GitHub). */
    long queries() {
        return queries.get();
    }

    /** How many times a repository (by full name) or a user ({@code user:LOGIN}) was looked up. */
    long asked(String fullName) {
        AtomicLong count = asked.get(fullName);
        return count == null ? 0 : count.get();
    }

    void reset() {
        queries.set(0);
        asked.clear();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        JsonNode request;
        try {
            request = GitHubStub.json().readTree(event.getRequest().getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String query = request.path("query").asText();
        JsonNode variables = request.path("variables");
        ObjectNode answer = GitHubStub.json().createObjectNode();
        ObjectNode data = answer.putObject("data");
        ArrayNode errors = GitHubStub.json().createArrayNode();
        Matcher field = FIELD.matcher(query);
        int fields = 0;
        while (field.find()) {
            fields++;
            String alias = field.group(1);
            String fullName = variables.path(field.group(2)).asText() + "/" + variables.path(field.group(3)).asText();
            asked.computeIfAbsent(fullName, k -> new AtomicLong()).incrementAndGet();
            if (!repositories.test(fullName)) {
                data.putNull(alias);
                errors.addObject().put("type", "NOT_FOUND").put("message", "Could not resolve to a Repository with the name '"
                        + fullName + "'.").putArray("path").add(alias);
                continue;
            }
            Optional<String> text = files.apply(fullName, variables.path(field.group(4)).asText());
            ObjectNode repository = data.putObject(alias);
            if (text.isEmpty()) {
                repository.putNull("object");
                continue;
            }
            byte[] bytes = text.get().getBytes(StandardCharsets.UTF_8);
            repository.putObject("object").put("__typename", "Blob").put("oid", GitHubStub.gitSha(bytes))
                    .put("byteSize", bytes.length).put("isBinary", false).put("isTruncated", false).put("text", text.get());
        }
        Matcher user = USER.matcher(query);
        while (user.find()) {
            fields++;
            String alias = user.group(1);
            String login = variables.path(user.group(2)).asText();
            asked.computeIfAbsent("user:" + login, k -> new AtomicLong()).incrementAndGet();
            Optional<Profile> profile = users.apply(login.toLowerCase(java.util.Locale.ROOT));
            if (profile.isEmpty()) {
                data.putNull(alias);
                errors.addObject().put("type", "NOT_FOUND").put("message", "Could not resolve to a User with the login of '"
                        + login + "'.").putArray("path").add(alias);
                continue;
            }
            // GitHub gives a private or unset email as "", an unset name as null
            data.putObject(alias).put("login", profile.get().login()).put("name", profile.get().name())
                    .put("email", profile.get().email() == null ? "" : profile.get().email());
        }
        if (fields == 0 || !query.startsWith("query(")) {
            return graphqlHeaders(new ResponseDefinitionBuilder().withStatus(200))
                    .withBody("{\"errors\":[{\"message\":\"Parse error on \\\"" + query.substring(0, Math.min(20, query.length()))
                            + "\\\"\",\"locations\":[{\"line\":1,\"column\":1}]}]}").build();
        }
        queries.incrementAndGet();
        if (!errors.isEmpty()) {
            answer.set("errors", errors);
        }
        return graphqlHeaders(new ResponseDefinitionBuilder().withStatus(200)).withBody(answer.toString()).build();
    }

    static ResponseDefinitionBuilder graphqlHeaders(ResponseDefinitionBuilder response) {
        return graphqlHeaders(response, 4990, Instant.now().plusSeconds(3600));
    }

    static ResponseDefinitionBuilder graphqlHeaders(ResponseDefinitionBuilder response, long remaining, Instant reset) {
        return response.withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", Long.toString(remaining))
                .withHeader("x-ratelimit-used", Long.toString(5000 - remaining)).withHeader("x-ratelimit-resource", "graphql")
                .withHeader("x-ratelimit-reset", Long.toString(reset.getEpochSecond()));
    }
}
