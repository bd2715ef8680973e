package io.catalog.graph.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.EntityValidator;
import io.catalog.graph.model.Problem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns an {@link OrganizationSnapshot} into the descriptors of its Group and User entities, as Backstage's GitHub org
 * provider names them, so {@code spec.owner: some-team} in a descriptor resolves to {@code group:default/some-team}:
 * <ul>
 *   <li>the organisation: a Group of type {@code organization} named after its login, parent of the top teams;</li>
 *   <li>each team: a Group of type {@code team} named after its slug, {@code spec.parent} its parent team (or the
 *       organisation), {@code spec.children} its child teams, annotation {@code github.com/team-slug: org/slug};</li>
 *   <li>each member: a User named after the login, with the profile GitHub shows and {@code spec.memberOf} the teams
 *       the user is a direct member of, annotation {@code github.com/user-login}.</li>
 * </ul>
 * GitHub lists a team's members together with its child teams' members; the direct members of a team are those
 * not listed for any of its child teams (Backstage asks GraphQL for {@code membership: IMMEDIATE}, which REST lacks).
 * A team or user whose name the catalog would refuse is left out and named in {@link Generated#skipped()}, so one
 * odd name never keeps the others from being served. Pure: no I/O.
 */
public final class OrganizationEntities {

    public static final String API_VERSION = "backstage.io/v1alpha1";
    public static final String TEAM_SLUG = "github.com/team-slug";
    public static final String USER_LOGIN = "github.com/user-login";
    public static final String EDIT_URL = "backstage.io/edit-url";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EntityValidator VALIDATOR = new EntityValidator();

    /** The entities, in a stable order (organisation, teams, users), and what was left out with the reason. */
    public record Generated(List<ObjectNode> entities, List<String> skipped) {

        /** Multi-document YAML (each document a JSON object, which YAML reads as is): what the location reads. */
        public byte[] descriptor() {
            StringBuilder out = new StringBuilder();
            entities.forEach(e -> out.append("---\n").append(e).append('\n'));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        public long count(String kind) {
            return entities.stream().filter(e -> e.path("kind").asText().equals(kind)).count();
        }
    }

    private OrganizationEntities() {
    }

    public static Generated of(OrganizationSnapshot snapshot, GitHubUrls urls) {
        List<String> skipped = new ArrayList<>();
        String org = snapshot.org().login();
        String orgKey = org.toLowerCase(Locale.ROOT);

        Map<String, OrganizationSnapshot.Team> teams = new LinkedHashMap<>();
        for (OrganizationSnapshot.Team team : snapshot.teams()) {
            if (team.slug().toLowerCase(Locale.ROOT).equals(orgKey)) {
                skipped.add("team " + team.slug() + ": its slug is the organisation's name, which names the organisation's group");
            } else if (problem(team.slug()) != null) {
                skipped.add("team " + team.slug() + ": " + problem(team.slug()));
            } else {
                teams.put(team.slug(), team);
            }
        }
        Map<String, List<String>> children = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        for (OrganizationSnapshot.Team team : teams.values()) {
            String parent = team.parent() != null && teams.containsKey(team.parent()) ? team.parent() : null;
            parents.put(team.slug(), parent);
            children.computeIfAbsent(parent == null ? null : parent, k -> new ArrayList<>()).add(team.slug());
        }
        Map<String, Set<String>> memberOf = directMemberships(snapshot, teams.keySet());

        List<ObjectNode> out = new ArrayList<>();
        out.add(organization(snapshot.org(), children.getOrDefault(null, List.of()), urls));
        for (OrganizationSnapshot.Team team : teams.values()) {
            String parent = parents.get(team.slug());
            out.add(team(org, team, parent == null ? org : parent, children.getOrDefault(team.slug(), List.of()), urls));
        }
        for (String login : snapshot.members()) {
            String issue = problem(login);
            if (issue != null) {
                skipped.add("user " + login + ": " + issue);
                continue;
            }
            out.add(user(login, snapshot.people().get(login), memberOf.getOrDefault(login, Set.of())));
        }
        return new Generated(out, skipped);
    }

    /** Per login, the teams (among {@code emitted}) it belongs to directly rather than through a child team. */
    static Map<String, Set<String>> directMemberships(OrganizationSnapshot snapshot, Set<String> emitted) {
        Map<String, Set<String>> viaChildren = new HashMap<>();
        for (OrganizationSnapshot.Team team : snapshot.teams()) {
            if (team.parent() != null) {
                viaChildren.computeIfAbsent(team.parent(), k -> new HashSet<>()).addAll(team.members());
            }
        }
        Set<String> members = new HashSet<>(snapshot.members());
        Map<String, Set<String>> memberOf = new HashMap<>();
        for (OrganizationSnapshot.Team team : snapshot.teams()) {
            if (!emitted.contains(team.slug())) {
                continue;
            }
            Set<String> inChildren = viaChildren.getOrDefault(team.slug(), Set.of());
            for (String login : team.members()) {
                if (members.contains(login) && !inChildren.contains(login)) {
                    memberOf.computeIfAbsent(login, k -> new TreeSet<>()).add(team.slug());
                }
            }
        }
        return memberOf;
    }

    private static ObjectNode organization(OrganizationSnapshot.Org org, List<String> topTeams, GitHubUrls urls) {
        ObjectNode entity = envelope("Group", org.login(), null);
        ObjectNode spec = entity.putObject("spec");
        spec.put("type", "organization");
        ObjectNode profile = spec.putObject("profile");
        profile.put("displayName", org.name() == null || org.name().isBlank() ? org.login() : org.name());
        putIfPresent(profile, "email", org.email());
        putIfPresent(profile, "picture", org.avatarUrl());
        array(spec, "children", topTeams);
        ((ObjectNode) entity.get("metadata")).putObject("annotations").put(EDIT_URL, urls.webBase() + "/organizations/" + org.login() + "/settings/profile");
        return entity;
    }

    private static ObjectNode team(String org, OrganizationSnapshot.Team team, String parent, List<String> children, GitHubUrls urls) {
        ObjectNode entity = envelope("Group", team.slug(), team.description());
        ((ObjectNode) entity.get("metadata")).putObject("annotations").put(TEAM_SLUG, org + "/" + team.slug())
                .put(EDIT_URL, urls.webBase() + "/orgs/" + org + "/teams/" + team.slug() + "/edit");
        ObjectNode spec = entity.putObject("spec");
        spec.put("type", "team");
        ObjectNode profile = spec.putObject("profile");
        putIfPresent(profile, "displayName", team.name());
        spec.put("parent", parent);
        array(spec, "children", children);
        return entity;
    }

    private static ObjectNode user(String login, OrganizationSnapshot.Person person, Set<String> teams) {
        ObjectNode entity = envelope("User", login, null);
        ((ObjectNode) entity.get("metadata")).putObject("annotations").put(USER_LOGIN, login);
        ObjectNode spec = entity.putObject("spec");
        ObjectNode profile = spec.putObject("profile");
        if (person != null) {
            putIfPresent(profile, "displayName", person.name());
            putIfPresent(profile, "email", person.email());
            putIfPresent(profile, "picture", person.avatarUrl());
        }
        array(spec, "memberOf", teams.stream().sorted().toList());
        return entity;
    }

    private static ObjectNode envelope(String kind, String name, String description) {
        ObjectNode entity = JSON.createObjectNode();
        entity.put("apiVersion", API_VERSION).put("kind", kind);
        ObjectNode metadata = entity.putObject("metadata");
        metadata.put("name", name);
        if (description != null && !description.isBlank()) {
            metadata.put("description", description);
        }
        return entity;
    }

    /** Why the catalog would refuse {@code name} as an entity name, or null when it would take it. */
    private static String problem(String name) {
        ObjectNode probe = JSON.createObjectNode();
        probe.put("apiVersion", API_VERSION).put("kind", "User").putObject("metadata").put("name", name);
        probe.putObject("spec").putArray("memberOf");
        List<Problem> problems = VALIDATOR.validate(probe);
        return problems.isEmpty() ? null : "not a valid entity name (" + problems.get(0).message() + ")";
    }

    private static void array(ObjectNode parent, String field, List<String> values) {
        ArrayNode array = parent.putArray(field);
        values.stream().sorted().forEach(array::add);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }
}
