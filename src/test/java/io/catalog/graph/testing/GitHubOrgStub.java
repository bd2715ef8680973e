package io.catalog.graph.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * An organisation's teams and members on the local GitHub ({@link GitHubStub}), in the shapes GitHub's REST API sends
 * them: the organisation ({@code /orgs/ORG}), its teams paged ({@code /orgs/ORG/teams}, further pages at
 * {@code /organizations/ID/teams}) with {@code parent}, each team by slug, each team's members at the address its
 * {@code url} gives ({@code /organizations/ORG_ID/team/TEAM_ID/members}, the child teams' members included, as
 * GitHub lists them), the organisation's members paged ({@code /orgs/ORG/members}) and each user's profile
 * ({@code /users/LOGIN}). Every answer carries an ETag and a 304 for it.
 */
public final class GitHubOrgStub {

    /** A team; {@code members} are its direct members (the stub adds its child teams' members, as GitHub does). */
    public record Team(String slug, String name, String description, String parent, List<String> members) {
        public static Team of(String slug, String parent, String... members) {
            return new Team(slug, "Team " + slug, "the " + slug + " team", parent, List.of(members));
        }
    }

    /** A member and the public profile {@code /users/LOGIN} shows (name and email may be null). */
    public record User(String login, String name, String email) {
        public static User of(String login) {
            return new User(login, "Name of " + login, login + "@example.com");
        }
    }

    /** An organisation as the stub serves it. */
    public record Org(String login, String name, List<Team> teams, List<User> users) {
        public static Org of(String login, List<Team> teams, List<User> users) {
            return new Org(login, login.toUpperCase() + " Inc.", teams, users);
        }

        public static Org of(String login, List<Team> teams, String... users) {
            return of(login, teams, Arrays.stream(users).map(User::of).toList());
        }
    }

    private final GitHubStub github;

    public GitHubOrgStub(GitHubStub github) {
        this.github = github;
    }

    /** Serves the organisation, {@code perPage} items to a page of each list (GitHub's at most 100). */
    public void serve(Org org, int perPage) {
        long orgId = github.id("org:" + org.login());
        ObjectNode profile = GitHubStub.json().createObjectNode();
        profile.put("login", org.login()).put("id", orgId).put("node_id", "O_" + org.login())
                .put("url", github.apiUrl() + "/orgs/" + org.login()).put("repos_url", github.apiUrl() + "/orgs/" + org.login() + "/repos")
                .put("members_url", github.apiUrl() + "/orgs/" + org.login() + "/members{/member}")
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + orgId + "?v=4")
                .put("description", "The " + org.name()).put("name", org.name()).put("email", "hello@" + org.login() + ".example")
                .put("html_url", github.webBase() + "/" + org.login()).put("type", "Organization")
                .put("created_at", "2020-01-01T00:00:00Z").put("updated_at", "2026-01-01T00:00:00Z");
        github.conditionalJson("/orgs/" + org.login(), profile.toString(), Map.of());

        Map<String, Team> bySlug = new LinkedHashMap<>();
        org.teams().forEach(t -> bySlug.put(t.slug(), t));
        List<ObjectNode> teams = org.teams().stream().map(t -> team(org.login(), t, bySlug)).toList();
        paged("/orgs/" + org.login() + "/teams", page -> "/organizations/" + orgId + "/teams", teams, perPage);
        for (Team team : org.teams()) {
            github.conditionalJson("/orgs/" + org.login() + "/teams/" + team.slug(), team(org.login(), team, bySlug).toString(), Map.of());
            List<ObjectNode> members = allMembers(team, bySlug).stream().map(this::simpleUser).toList();
            String path = "/organizations/" + orgId + "/team/" + github.id("team:" + org.login() + "/" + team.slug()) + "/members";
            paged(path, page -> path, members, perPage);
        }
        paged("/orgs/" + org.login() + "/members", page -> "/organizations/" + orgId + "/members",
                org.users().stream().map(u -> simpleUser(u.login())).toList(), perPage);
        org.users().forEach(u -> github.conditionalJson("/users/" + u.login(), fullUser(u).toString(), Map.of()));
        org.users().forEach(u -> github.profile(u.login(), u.name(), u.email()));
    }

    /** The team's members as GitHub lists them: its own and, below it, every child team's. */
    private static List<String> allMembers(Team team, Map<String, Team> bySlug) {
        List<String> out = new ArrayList<>(team.members());
        bySlug.values().stream().filter(t -> team.slug().equals(t.parent()))
                .forEach(child -> allMembers(child, bySlug).stream().filter(m -> !out.contains(m)).forEach(out::add));
        return out;
    }

    /** A team as {@code GET /orgs/ORG/teams} lists it. */
    private ObjectNode team(String org, Team team, Map<String, Team> bySlug) {
        ObjectNode node = teamSimple(org, team);
        Team parent = team.parent() == null ? null : bySlug.get(team.parent());
        if (parent == null) {
            node.putNull("parent");
        } else {
            node.set("parent", teamSimple(org, parent));
        }
        return node;
    }

    private ObjectNode teamSimple(String org, Team team) {
        long orgId = github.id("org:" + org);
        long id = github.id("team:" + org + "/" + team.slug());
        String url = github.apiUrl() + "/organizations/" + orgId + "/team/" + id;
        ObjectNode node = GitHubStub.json().createObjectNode();
        node.put("id", id).put("node_id", "T_" + id).put("url", url)
                .put("html_url", github.webBase() + "/orgs/" + org + "/teams/" + team.slug())
                .put("name", team.name()).put("slug", team.slug()).put("description", team.description())
                .put("privacy", "closed").put("notification_setting", "notifications_enabled").put("permission", "pull")
                .put("members_url", url + "/members{/member}").put("repositories_url", url + "/repos");
        return node;
    }

    private ObjectNode simpleUser(String login) {
        long id = github.id("user:" + login);
        ObjectNode node = GitHubStub.json().createObjectNode();
        node.put("login", login).put("id", id).put("node_id", "U_" + id)
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + id + "?v=4").put("gravatar_id", "")
                .put("url", github.apiUrl() + "/users/" + login).put("html_url", github.webBase() + "/" + login)
                .put("type", "User").put("site_admin", false);
        return node;
    }

    private ObjectNode fullUser(User user) {
        ObjectNode node = simpleUser(user.login());
        if (user.name() == null) {
            node.putNull("name");
        } else {
            node.put("name", user.name());
        }
        if (user.email() == null) {
            node.putNull("email");
        } else {
            node.put("email", user.email());
        }
        node.putNull("company").put("blog", "").putNull("location").putNull("bio").put("public_repos", 3)
                .put("followers", 1).put("following", 0).put("created_at", "2021-03-04T05:06:07Z")
                .put("updated_at", "2026-02-03T04:05:06Z");
        return node;
    }

    /**
     * A list at {@code firstPath}, paged as GitHub pages it: the first page without {@code page}, the next ones at
     * {@code nextPath} with {@code page=N}, linked by {@code Link} headers.
     */
    private void paged(String firstPath, IntFunction<String> nextPath, List<ObjectNode> items, int perPage) {
        int pages = Math.max(1, (items.size() + perPage - 1) / perPage);
        for (int page = 1; page <= pages; page++) {
            ArrayNode body = GitHubStub.json().createArrayNode();
            items.subList((page - 1) * perPage, Math.min(items.size(), page * perPage)).forEach(body::add);
            String next = github.apiUrl() + nextPath.apply(page + 1) + "?per_page=" + perPage + "&page=";
            StringBuilder link = new StringBuilder();
            if (page < pages) {
                link.append("<").append(next).append(page + 1).append(">; rel=\"next\", <").append(next).append(pages).append(">; rel=\"last\"");
            }
            Map<String, String> headers = link.isEmpty() ? Map.of() : Map.of("Link", link.toString());
            String path = "/api/v3" + (page == 1 ? firstPath : nextPath.apply(page));
            String number = Integer.toString(page);
            github.conditional(path + "?page=" + number, match(path, page, number), match(path, page, number), body.toString(), headers);
        }
    }

    private static MappingBuilder match(String path, int page, String number) {
        return get(urlPathEqualTo(path)).withQueryParam("page", page == 1 ? absent() : equalTo(number));
    }
}
