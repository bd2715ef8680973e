package io.catalog.graph.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parent of each team, read from the team bodies the client receives: GitHub's team JSON has {@code parent}, but
 * {@code github-api}'s {@code GHTeam} does not keep it, and asking each team for it would cost a request per team.
 * Keyed by team id (unique across GitHub); a team with no parent maps to an empty slug.
 */
@ApplicationScoped
public class TeamParents implements GitHubResponseObserver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONE = "";

    private final Map<String, String> parents = new ConcurrentHashMap<>();

    @Override
    public void observe(String providerId, URL url, byte[] body) {
        String path = url.getPath();
        if (!(path.contains("/teams") || path.contains("/team/")) || path.endsWith("/members") || body.length == 0
                || body[0] != '{' && body[0] != '[') {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return; // not JSON: nothing to learn here
        }
        if (node.isArray()) {
            node.forEach(team -> remember(providerId, team));
        } else {
            remember(providerId, node);
        }
    }

    /** The parent slug of the team, or null when it has none (or none of its bodies was seen). */
    public String parentOf(String providerId, long teamId) {
        String parent = parents.get(providerId + "/" + teamId);
        return parent == null || parent.isEmpty() ? null : parent;
    }

    private void remember(String providerId, JsonNode team) {
        // a team (and not a repository or a user) is an object with a slug and a members_url
        if (!team.isObject() || !team.path("slug").isTextual() || !team.has("members_url") || !team.path("id").canConvertToLong()) {
            return;
        }
        JsonNode parent = team.path("parent");
        parents.put(providerId + "/" + team.get("id").asLong(), parent.path("slug").isTextual() ? parent.get("slug").asText() : NONE);
    }
}
