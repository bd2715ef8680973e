package io.catalog.graph.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The {@code topics} of the repositories a provider's client has seen, read from the listing bodies themselves
 * ({@code github-api} 1.330 drops the field; asking {@code /topics} per repository would cost a request each). A
 * replayed 304 is seen too, so an unchanged page still says its repositories' topics.
 */
@ApplicationScoped
public class RepositoryTopics implements GitHubResponseObserver {

    /** Repository lists ({@code /orgs/X/repos}, {@code /organizations/ID/repos}, {@code /installation/repositories}) and one repository. */
    private static final Pattern REPOSITORY_BODIES = Pattern.compile(".*/(repos|repositories)$|.*/repos/[^/]+/[^/]+$");

    private final Map<String, Map<String, List<String>>> byProvider = new ConcurrentHashMap<>();
    private final ObjectMapper json;

    public RepositoryTopics(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void observe(String providerId, URL url, byte[] body) {
        if (body.length == 0 || !REPOSITORY_BODIES.matcher(url.getPath()).matches()) {
            return;
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return; // not JSON: nothing to learn
        }
        JsonNode items = root.isArray() ? root : root.has("repositories") ? root.get("repositories") : null;
        Map<String, List<String>> topics = byProvider.computeIfAbsent(providerId, id -> new ConcurrentHashMap<>());
        if (items == null) {
            remember(topics, root);
        } else {
            items.forEach(item -> remember(topics, item));
        }
    }

    /** The topics the last body naming the repository listed; empty when none was seen. */
    public List<String> of(String providerId, String fullName) {
        return byProvider.getOrDefault(providerId, Map.of()).getOrDefault(ListedRepository.keyOf(fullName), List.of());
    }

    private static void remember(Map<String, List<String>> topics, JsonNode repository) {
        if (repository.hasNonNull("full_name") && repository.get("topics") != null && repository.get("topics").isArray()) {
            List<String> values = new ArrayList<>();
            repository.get("topics").forEach(t -> values.add(t.asText()));
            topics.put(ListedRepository.keyOf(repository.get("full_name").asText()), List.copyOf(values));
        }
    }
}
