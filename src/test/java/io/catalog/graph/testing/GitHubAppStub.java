package io.catalog.graph.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A GitHub App on the local GitHub ({@link GitHubStub}), in the shapes of GitHub's REST API: the App
 * ({@code GET /app}), its installations ({@code GET /app/installations}, {@code GET /app/installations/ID}, and
 * {@code GET /orgs/ORG/installation} or {@code GET /users/LOGIN/installation}), an installation access token
 * ({@code POST /app/installations/ID/access_tokens}, 201), and what an installation token lists
 * ({@code GET /installation/repositories}, answered only to that installation's token). The stub answers whoever
 * asks; the tests check the credentials each request carried ({@link #authorizations}).
 */
public final class GitHubAppStub {

    /** One installation of the App, on an account of {@code type} {@code Organization} or {@code User}. */
    public record Installation(long id, String account, String type) {
        public static Installation organization(long id, String login) {
            return new Installation(id, login, "Organization");
        }

        public static Installation user(long id, String login) {
            return new Installation(id, login, "User");
        }

        public boolean onUser() {
            return type.equals("User");
        }
    }

    private final GitHubStub github;
    private final long appId;

    public GitHubAppStub(GitHubStub github, long appId) {
        this.github = github;
        this.appId = appId;
    }

    /** The installation access token the stub hands out for an installation (the {@code ghs_} form, 40 characters). */
    public static String token(long installationId) {
        return "ghs_" + String.format("%036d", installationId);
    }

    /** Serves the App and exactly these installations of it, each with its token. */
    public void serve(List<Installation> installations) {
        github.conditionalJson("/app", app().toString(), Map.of());
        ArrayNode list = GitHubStub.json().createArrayNode();
        for (Installation installation : installations) {
            if (installation.onUser()) {
                github.userAccount(installation.account());
            }
            ObjectNode node = installation(installation);
            list.add(node);
            github.conditionalJson("/app/installations/" + installation.id(), node.toString(), Map.of());
            github.conditionalJson((installation.onUser() ? "/users/" : "/orgs/") + installation.account() + "/installation",
                    node.toString(), Map.of());
            ObjectNode token = GitHubStub.json().createObjectNode();
            token.put("token", token(installation.id()))
                    .put("expires_at", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
            token.putObject("permissions").put("contents", "read").put("metadata", "read").put("members", "read");
            token.put("repository_selection", "all");
            github.server().stubFor(post(urlEqualTo("/api/v3/app/installations/" + installation.id() + "/access_tokens"))
                    .atPriority(5).willReturn(github.json(201, token.toString())));
        }
        github.conditionalJson("/app/installations", list.toString(), Map.of());
    }

    /**
     * What {@code GET /installation/repositories} lists for the installation's token, {@code perPage} to a page (the
     * next pages through {@code Link}). Each repository is also answered at {@code /repos/OWNER/NAME}.
     */
    public void installationRepositories(Installation installation, List<GitHubStub.Repo> repos, int perPage) {
        int pages = Math.max(1, (repos.size() + perPage - 1) / perPage);
        String base = "/installation/repositories?per_page=" + perPage;
        for (int page = 1; page <= pages; page++) {
            ObjectNode body = GitHubStub.json().createObjectNode();
            body.put("total_count", repos.size()).put("repository_selection", "all");
            ArrayNode items = body.putArray("repositories");
            repos.subList((page - 1) * perPage, Math.min(repos.size(), page * perPage)).forEach(r -> items.add(github.repository(r)));
            Map<String, String> headers = page < pages
                    ? Map.of("Link", "<" + github.apiUrl() + base + "&page=" + (page + 1) + ">; rel=\"next\", <" + github.apiUrl()
                    + base + "&page=" + pages + ">; rel=\"last\"")
                    : Map.of();
            String url = "/api/v3" + base + (page == 1 ? "" : "&page=" + page);
            String authorization = "token " + token(installation.id());
            github.conditional("installation:" + installation.id() + ":" + url,
                    get(urlEqualTo(url)).withHeader("Authorization", equalTo(authorization)),
                    get(urlEqualTo(url)).withHeader("Authorization", equalTo(authorization)), body.toString(), headers);
        }
        repos.forEach(r -> github.conditionalJson("/repos/" + r.fullName(), github.repository(r).toString(), Map.of()));
    }

    /** The {@code Authorization} headers of the requests whose path (under /api/v3) matches {@code pathRegex}. */
    public List<String> authorizations(String pathRegex) {
        return github.server().findAll(github.getsOf(pathRegex)).stream().map(r -> r.getHeader("Authorization")).toList();
    }

    /** Every request made to the App's own endpoints ({@code /app...}), whatever its method. */
    public List<ServeEvent> appRequests() {
        return github.served().stream().filter(e -> e.getRequest().getUrl().startsWith("/api/v3/app")).toList();
    }

    private ObjectNode app() {
        ObjectNode node = GitHubStub.json().createObjectNode();
        node.put("id", appId).put("slug", "catalog-graph").put("client_id", "Iv1.test" + appId).put("node_id", "A_" + appId);
        node.set("owner", account("catalog-owner", "Organization"));
        node.put("name", "Catalog Graph").put("description", "reads catalog-info.yaml").put("external_url", "https://catalog.example.com")
                .put("html_url", github.webBase() + "/apps/catalog-graph").put("created_at", "2025-01-01T00:00:00Z")
                .put("updated_at", "2026-01-01T00:00:00Z");
        node.set("permissions", permissions());
        node.putArray("events").add("push").add("repository").add("organization").add("team").add("membership");
        node.put("installations_count", 3);
        return node;
    }

    /** An installation as {@code GET /app/installations} lists it. */
    private ObjectNode installation(Installation installation) {
        ObjectNode node = GitHubStub.json().createObjectNode();
        node.put("id", installation.id());
        node.set("account", account(installation.account(), installation.type()));
        node.put("repository_selection", "all")
                .put("access_tokens_url", github.apiUrl() + "/app/installations/" + installation.id() + "/access_tokens")
                .put("repositories_url", github.apiUrl() + "/installation/repositories")
                .put("html_url", github.webBase() + (installation.onUser() ? "/settings/installations/"
                        : "/organizations/" + installation.account() + "/settings/installations/") + installation.id())
                .put("app_id", appId).put("app_slug", "catalog-graph").put("target_id", github.accountId(installation.account()))
                .put("target_type", installation.type());
        node.set("permissions", permissions());
        node.putArray("events").add("push").add("repository");
        node.put("created_at", "2025-02-03T04:05:06Z").put("updated_at", "2025-02-03T04:05:06Z")
                .putNull("single_file_name").put("has_multiple_single_files", false).putArray("single_file_paths");
        node.putNull("suspended_by").putNull("suspended_at");
        return node;
    }

    private ObjectNode account(String login, String type) {
        long id = github.accountId(login);
        ObjectNode node = GitHubStub.json().createObjectNode();
        node.put("login", login).put("id", id).put("node_id", (type.equals("User") ? "U_" : "O_") + login)
                .put("avatar_url", "https://avatars.githubusercontent.com/u/" + id + "?v=4").put("gravatar_id", "")
                .put("url", github.apiUrl() + "/users/" + login).put("html_url", github.webBase() + "/" + login)
                .put("repos_url", github.apiUrl() + "/users/" + login + "/repos").put("type", type).put("site_admin", false);
        return node;
    }

    private static ObjectNode permissions() {
        ObjectNode node = GitHubStub.json().createObjectNode();
        node.put("contents", "read").put("metadata", "read").put("members", "read");
        return node;
    }
}
