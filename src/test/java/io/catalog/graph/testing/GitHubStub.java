package io.catalog.graph.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A local GitHub (WireMock standalone on 127.0.0.1) answering with the shapes GitHub's REST API sends: repository
 * lists paged by {@code Link} headers, contents as base64 wrapped at 60 characters, recursive trees (with
 * {@code truncated}), ETags with {@code 304 Not Modified} for a matching {@code If-None-Match}, rate-limit headers on
 * every answer, and the failures GitHub has (403/429 rate limits, 5xx, stalls). The real {@code github-api} client
 * talks to it through {@link #apiUrl()}, an Enterprise-style {@code /api/v3} root; {@link #webBase()} is the web host.
 */
public final class GitHubStub implements AutoCloseable {

    /** Answers set up per test sit above the defaults; failures above everything. */
    private static final int NORMAL = 5;
    private static final int CONDITIONAL = 3;
    private static final int FAILURE = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong(1000);

    /** One repository as a listing shows it. */
    public record Repo(String fullName, String defaultBranch, Instant pushedAt, boolean fork, boolean archived,
                       String visibility, List<String> topics) {

        public static Repo of(String fullName) {
            return new Repo(fullName, "main", Instant.parse("2026-11-01T10:00:00Z"), false, false, "public", List.of());
        }

        public Repo pushedAt(Instant when) {
            return new Repo(fullName, defaultBranch, when, fork, archived, visibility, topics);
        }

        public Repo archived(boolean value) {
            return new Repo(fullName, defaultBranch, pushedAt, fork, value, visibility, topics);
        }

        public Repo fork(boolean value) {
            return new Repo(fullName, defaultBranch, pushedAt, value, archived, visibility, topics);
        }

        public Repo visibility(String value) {
            return new Repo(fullName, defaultBranch, pushedAt, fork, archived, value, topics);
        }

        public Repo topics(String... values) {
            return new Repo(fullName, defaultBranch, pushedAt, fork, archived, visibility, List.of(values));
        }

        public Repo defaultBranch(String value) {
            return new Repo(fullName, value, pushedAt, fork, archived, visibility, topics);
        }

        public String owner() {
            return fullName.substring(0, fullName.indexOf('/'));
        }

        public String name() {
            return fullName.substring(fullName.indexOf('/') + 1);
        }
    }

    private final WireMockServer server;
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    /** The two mappings (200 and 304) of each conditional answer, by URL pattern. */
    private final Map<String, List<UUID>> conditionalStubs = new ConcurrentHashMap<>();
    private volatile long rateLimitRemaining = 4999;
    /** Logins that are user accounts, not organisations: their repositories' {@code owner.type} is {@code User}. */
    private final java.util.Set<String> users = ConcurrentHashMap.newKeySet();
    private final SyntheticOrganizations synthetic = new SyntheticOrganizations();
    /** The files given through {@link #file}, for GraphQL: lower-case full name, then {@code ref:path}. */
    private final Map<String, String> texts = new ConcurrentHashMap<>();
    /** Lower-case full names of the repositories given through {@link #repositories}. */
    private final java.util.Set<String> known = ConcurrentHashMap.newKeySet();
    /** Users' public profiles, by lower-case login, for GraphQL. */
    private final Map<String, GitHubGraphQlStub.Profile> profiles = new ConcurrentHashMap<>();
    private final GitHubGraphQlStub graphql = new GitHubGraphQlStub(this::text,
            fullName -> known.contains(fullName.toLowerCase(java.util.Locale.ROOT)) || synthetic.has(fullName),
            login -> java.util.Optional.ofNullable(profiles.get(login)));

    public GitHubStub() {
        synthetic.attach(this);
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().extensions(synthetic, graphql));
        server.start();
        defaults();
    }

    /** What a token's client asks first: who am I ({@code GET /user}); and GraphQL, answered from the files given. */
    private void defaults() {
        conditionalJson("/user", "{\"login\":\"catalog-bot\",\"id\":1,\"type\":\"Bot\",\"url\":\"" + apiUrl() + "/users/catalog-bot\"}", Map.of());
        server.stubFor(post(urlPathEqualTo("/api/graphql")).atPriority(NORMAL).willReturn(aResponse().withTransformers(GitHubGraphQlStub.NAME)));
    }

    private java.util.Optional<String> text(String fullName, String expression) {
        String key = fullName.toLowerCase(java.util.Locale.ROOT) + "\n" + expression;
        return java.util.Optional.ofNullable(texts.get(key)).or(() -> synthetic.descriptor(fullName, expression));
    }

    /** REST root, as a GitHub Enterprise Server's: {@code http://127.0.0.1:PORT/api/v3}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v3";
    }

    /** Web root, where blob URLs live: {@code http://127.0.0.1:PORT}. */
    public String webBase() {
        return "http://127.0.0.1:" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    /** Forgets every answer, every recorded request and any delay. */
    public void reset() {
        server.resetAll();
        server.setGlobalFixedDelay(0);
        conditionalStubs.clear();
        texts.clear();
        known.clear();
        profiles.clear();
        graphql.reset();
        users.clear();
        defaults();
    }

    /** The figure every answer reports in {@code x-ratelimit-remaining}. */
    public void rateLimitRemaining(long remaining) {
        this.rateLimitRemaining = remaining;
    }

    // ---- organisations and repositories ----

    public void organization(String login) {
        ObjectNode org = JSON.createObjectNode();
        org.put("login", login).put("id", id("org:" + login)).put("node_id", "O_" + login)
                .put("url", apiUrl() + "/orgs/" + login).put("repos_url", apiUrl() + "/orgs/" + login + "/repos")
                .put("html_url", webBase() + "/" + login).put("name", login).put("type", "Organization")
                .put("avatar_url", webBase() + "/avatars/" + login);
        conditionalJson("/orgs/" + login, org.toString(), Map.of());
    }

    /**
     * The organisation's repository list, {@code perPage} to a page as GitHub pages it: the first page at
     * {@code /orgs/ORG/repos?per_page=N}, the next ones through {@code Link} at {@code /organizations/ID/repos}. Each
     * repository is also answered at {@code /repos/OWNER/NAME}.
     */
    public void repositories(String org, List<Repo> repos, int perPage) {
        long orgId = id("org:" + org);
        int pages = Math.max(1, (repos.size() + perPage - 1) / perPage);
        for (int page = 1; page <= pages; page++) {
            ArrayNode body = JSON.createArrayNode();
            repos.subList((page - 1) * perPage, Math.min(repos.size(), page * perPage)).forEach(r -> body.add(repository(r)));
            String next = apiUrl() + "/organizations/" + orgId + "/repos?per_page=" + perPage + "&page=";
            StringBuilder link = new StringBuilder();
            if (page < pages) {
                link.append("<").append(next).append(page + 1).append(">; rel=\"next\", <").append(next).append(pages).append(">; rel=\"last\"");
            }
            if (page > 1) {
                link.append(link.isEmpty() ? "" : ", ").append("<").append(next).append(1).append(">; rel=\"first\", <")
                        .append(next).append(page - 1).append(">; rel=\"prev\"");
            }
            Map<String, String> headers = link.isEmpty() ? Map.of() : Map.of("Link", link.toString());
            String path = page == 1 ? "/orgs/" + org + "/repos?per_page=" + perPage
                    : "/organizations/" + orgId + "/repos?per_page=" + perPage + "&page=" + page;
            conditionalJsonAtUrl(path, body.toString(), headers);
        }
        repos.forEach(r -> conditionalJson("/repos/" + r.fullName(), repository(r).toString(), Map.of()));
        repos.forEach(r -> known.add(r.fullName().toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * An organisation of {@code repositories} generated ones ({@link SyntheticOrganizations}: {@code ORG/repo-00000}…,
     * each with one descriptor), answered from the URL: for scale tests, where a stub per repository would not do.
     */
    public SyntheticOrganizations syntheticOrganization(String org, int repositories) {
        organization(org);
        synthetic.organization(org, repositories);
        long orgId = id("org:" + org);
        server.stubFor(get(urlPathEqualTo("/api/v3/orgs/" + org + "/repos")).atPriority(NORMAL)
                .willReturn(aResponse().withTransformers(SyntheticOrganizations.NAME)));
        server.stubFor(get(urlPathEqualTo("/api/v3/organizations/" + orgId + "/repos")).atPriority(NORMAL)
                .willReturn(aResponse().withTransformers(SyntheticOrganizations.NAME)));
        server.stubFor(get(urlPathMatching("/api/v3/repos/" + org + "/[^/]+(/contents/catalog-info\\.yaml)?")).atPriority(NORMAL)
                .willReturn(aResponse().withTransformers(SyntheticOrganizations.NAME)));
        return synthetic;
    }

    /** {@code login} is a user account: its repositories name a {@code User} as their owner. */
    public void userAccount(String login) {
        users.add(login);
    }

    /** The id GitHub gives the account: a user's or an organisation's. */
    public long accountId(String login) {
        return id((users.contains(login) ? "user:" : "org:") + login);
    }

    /** The repository keeps its GitHub id under a new name, as GitHub does on a rename or a transfer. */
    public void renamed(String oldFullName, String newFullName) {
        ids.put("repo:" + newFullName, id("repo:" + oldFullName));
    }

    /** Team {@code oldSlug} of {@code org} keeps its GitHub id under {@code newSlug}, as GitHub does when a team is renamed. */
    public void renamedTeam(String org, String oldSlug, String newSlug) {
        ids.put("team:" + org + "/" + newSlug, id("team:" + org + "/" + oldSlug));
    }

    /** A repository as GitHub's REST API describes it (the fields of a list item). */
    public ObjectNode repository(Repo repo) {
        ObjectNode owner = JSON.createObjectNode();
        owner.put("login", repo.owner()).put("id", accountId(repo.owner())).put("type", users.contains(repo.owner()) ? "User" : "Organization")
                .put("url", apiUrl() + "/users/" + repo.owner()).put("html_url", webBase() + "/" + repo.owner());
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id("repo:" + repo.fullName())).put("node_id", "R_" + repo.fullName()).put("name", repo.name())
                .put("full_name", repo.fullName()).put("private", !repo.visibility().equals("public"));
        node.set("owner", owner);
        node.put("html_url", webBase() + "/" + repo.fullName()).put("description", "the " + repo.name() + " repository")
                .put("fork", repo.fork()).put("url", apiUrl() + "/repos/" + repo.fullName())
                .put("created_at", "2024-01-01T00:00:00Z").put("updated_at", repo.pushedAt().toString())
                .put("pushed_at", repo.pushedAt().toString()).put("default_branch", repo.defaultBranch())
                .put("archived", repo.archived()).put("disabled", false).put("visibility", repo.visibility())
                .put("size", 120).put("language", "Java");
        ArrayNode topics = node.putArray("topics");
        repo.topics().forEach(topics::add);
        return node;
    }

    /** A user's public profile, as GraphQL's {@code user(login:)} gives it (name and email may be null). */
    public void profile(String login, String name, String email) {
        profiles.put(login.toLowerCase(java.util.Locale.ROOT), new GitHubGraphQlStub.Profile(login, name, email));
    }

    // ---- files ----

    /** A file through the contents API at {@code ref}, base64 wrapped at 60 characters, with its ETag. */
    public void file(String fullName, String ref, String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = gitSha(bytes);
        ObjectNode node = JSON.createObjectNode();
        node.put("type", "file").put("encoding", "base64").put("size", bytes.length)
                .put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path)
                .put("content", wrap60(Base64.getEncoder().encodeToString(bytes))).put("sha", sha)
                .put("url", apiUrl() + "/repos/" + fullName + "/contents/" + path + "?ref=" + query(ref))
                .put("git_url", apiUrl() + "/repos/" + fullName + "/git/blobs/" + sha)
                .put("html_url", webBase() + "/" + fullName + "/blob/" + ref + "/" + path)
                .put("download_url", webBase() + "/raw/" + fullName + "/" + ref + "/" + path);
        ObjectNode links = node.putObject("_links");
        links.put("self", node.get("url").asText()).put("git", node.get("git_url").asText()).put("html", node.get("html_url").asText());
        conditionalJsonAtUrl("/repos/" + fullName + "/contents/" + path + "?ref=" + query(ref), node.toString(), Map.of());
        texts.put(fullName.toLowerCase(java.util.Locale.ROOT) + "\n" + ref + ":" + path, content);
    }

    /** A file that is not there (any more): the contents API's 404. */
    public void missingFile(String fullName, String ref, String path) {
        texts.remove(fullName.toLowerCase(java.util.Locale.ROOT) + "\n" + ref + ":" + path);
        // the file's answer and its 304 go: a client revalidating its stored copy is told the file is gone
        List<UUID> before = conditionalStubs.remove("url:/repos/" + fullName + "/contents/" + path + "?ref=" + query(ref));
        if (before != null) {
            before.forEach(server::removeStub);
        }
        server.stubFor(get(urlEqualTo("/api/v3/repos/" + fullName + "/contents/" + path + "?ref=" + query(ref))).atPriority(NORMAL)
                .willReturn(json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/repos/contents#get-repository-content\",\"status\":\"404\"}")));
    }

    /**
     * The recursive tree of {@code ref}: every path given as a blob (folders implied by them as trees), and
     * {@code truncated} as GitHub sets it when a tree is too large to list in one answer.
     */
    public void tree(String fullName, String ref, List<String> files, boolean truncated) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sha", gitSha((fullName + ref + files).getBytes(StandardCharsets.UTF_8)))
                .put("url", apiUrl() + "/repos/" + fullName + "/git/trees/" + ref);
        ArrayNode entries = node.putArray("tree");
        java.util.Set<String> folders = new java.util.TreeSet<>();
        for (String file : files) {
            for (int slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
                folders.add(file.substring(0, slash));
            }
        }
        folders.forEach(folder -> entries.addObject().put("path", folder).put("mode", "040000").put("type", "tree")
                .put("sha", gitSha(folder.getBytes(StandardCharsets.UTF_8))));
        files.forEach(file -> entries.addObject().put("path", file).put("mode", "100644").put("type", "blob")
                .put("sha", gitSha(file.getBytes(StandardCharsets.UTF_8))).put("size", 100)
                .put("url", apiUrl() + "/repos/" + fullName + "/git/blobs/" + gitSha(file.getBytes(StandardCharsets.UTF_8))));
        node.put("truncated", truncated);
        conditionalJsonAtUrl("/repos/" + fullName + "/git/trees/" + ref + "?recursive=1", node.toString(), Map.of());
    }

    // ---- comparisons (webhooks: pushes too large to list their files) ----

    /** One file of a comparison: status {@code added}, {@code modified}, {@code removed}, {@code renamed} (with its old name). */
    public record ComparedFile(String status, String filename, String previousFilename) {
    }

    /**
     * {@code GET /repos/OWNER/NAME/compare/BASE...HEAD} as GitHub answers it: status, commit counts, and the changed
     * files (GitHub lists at most 300; give 300 to stand for a cut list).
     */
    public void compare(String fullName, String base, String head, List<ComparedFile> files) {
        ObjectNode node = JSON.createObjectNode();
        String web = webBase() + "/" + fullName;
        node.put("url", apiUrl() + "/repos/" + fullName + "/compare/" + base + "..." + head)
                .put("html_url", web + "/compare/" + base + "..." + head)
                .put("permalink_url", web + "/compare/acme:" + base + "...acme:" + head)
                .put("diff_url", web + "/compare/" + base + "..." + head + ".diff")
                .put("patch_url", web + "/compare/" + base + "..." + head + ".patch")
                .put("status", "ahead").put("ahead_by", 2500).put("behind_by", 0).put("total_commits", 2500);
        node.putObject("base_commit").put("sha", base).put("url", apiUrl() + "/repos/" + fullName + "/commits/" + base);
        node.putObject("merge_base_commit").put("sha", base).put("url", apiUrl() + "/repos/" + fullName + "/commits/" + base);
        node.putArray("commits").addObject().put("sha", head).put("url", apiUrl() + "/repos/" + fullName + "/commits/" + head)
                .put("html_url", web + "/commit/" + head);
        ArrayNode changed = node.putArray("files");
        for (ComparedFile file : files) {
            String sha = gitSha(file.filename().getBytes(StandardCharsets.UTF_8));
            ObjectNode entry = changed.addObject().put("sha", sha).put("filename", file.filename()).put("status", file.status())
                    .put("additions", 1).put("deletions", 0).put("changes", 1)
                    .put("blob_url", web + "/blob/" + head + "/" + file.filename())
                    .put("raw_url", web + "/raw/" + head + "/" + file.filename())
                    .put("contents_url", apiUrl() + "/repos/" + fullName + "/contents/" + file.filename() + "?ref=" + head)
                    .put("patch", "@@ -0,0 +1 @@\n+changed");
            if (file.previousFilename() != null) {
                entry.put("previous_filename", file.previousFilename());
            }
        }
        conditionalJson("/repos/" + fullName + "/compare/" + base + "..." + head, node.toString(), Map.of());
    }

    /** A comparison naming a commit GitHub does not have (force-pushed away): its 404. */
    public void unknownCommit(String fullName, String base, String head) {
        server.stubFor(get(urlPathEqualTo("/api/v3/repos/" + fullName + "/compare/" + base + "..." + head)).atPriority(NORMAL)
                .willReturn(json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest/commits/commits#compare-two-commits\",\"status\":\"404\"}")));
    }

    /**
     * One tree object at {@code shaOrRef}, as the trees API answers for it (recursive or not): {@code entries} maps each
     * path to {@code blob} or {@code tree:<sha>}. For walking a tree GitHub truncated, folder by folder.
     */
    public void treeObject(String fullName, String shaOrRef, boolean recursive, Map<String, String> entries, boolean truncated) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sha", gitSha((fullName + shaOrRef).getBytes(StandardCharsets.UTF_8)))
                .put("url", apiUrl() + "/repos/" + fullName + "/git/trees/" + shaOrRef);
        ArrayNode tree = node.putArray("tree");
        entries.forEach((path, kind) -> {
            boolean folder = kind.startsWith("tree:");
            ObjectNode entry = tree.addObject().put("path", path).put("mode", folder ? "040000" : "100644")
                    .put("type", folder ? "tree" : "blob")
                    .put("sha", folder ? kind.substring(5) : gitSha(path.getBytes(StandardCharsets.UTF_8)));
            if (!folder) {
                entry.put("size", 100);
            }
        });
        node.put("truncated", truncated);
        conditionalJsonAtUrl("/repos/" + fullName + "/git/trees/" + shaOrRef + (recursive ? "?recursive=1" : ""), node.toString(), Map.of());
    }

    // ---- failures ----

    /** Every request whose path matches {@code pathRegex} (under /api/v3) gets GitHub's primary rate-limit answer. */
    public void rateLimited(String pathRegex, Instant reset) {
        server.stubFor(any(urlPathMatching("/api/v3" + pathRegex)).atPriority(FAILURE).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-used", "5000").withHeader("x-ratelimit-reset", Long.toString(reset.getEpochSecond()))
                .withHeader("x-ratelimit-resource", "core")
                .withBody("{\"message\":\"API rate limit exceeded for installation ID 1.\",\"documentation_url\":\"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting\"}")));
    }

    /** A secondary (abuse) limit: 403 with {@code retry-after}, or 429 when {@code status} says so. */
    public void secondaryRateLimited(String pathRegex, int status, int retryAfterSeconds) {
        server.stubFor(any(urlPathMatching("/api/v3" + pathRegex)).atPriority(FAILURE).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8").withHeader("retry-after", Integer.toString(retryAfterSeconds))
                .withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", "4000")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\"}")));
    }

    /**
     * A secondary limit GitHub puts no time on: 403 with budget left and no {@code retry-after}; only the message
     * says it is a limit (GitHub's documentation: then wait at least a minute).
     */
    public void secondaryRateLimitedWithoutRetryAfter(String pathRegex) {
        server.stubFor(any(urlPathMatching("/api/v3" + pathRegex)).atPriority(FAILURE).willReturn(json(403,
                "{\"message\":\"You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits\",\"status\":\"403\"}")));
    }

    /** A 403 that is no limit: the credentials lack a permission (budget left, no {@code retry-after}). */
    public void forbidden(String pathRegex) {
        server.stubFor(any(urlPathMatching("/api/v3" + pathRegex)).atPriority(FAILURE).willReturn(json(403,
                "{\"message\":\"Resource not accessible by integration\",\"documentation_url\":\"https://docs.github.com/rest/repos/repos#get-a-repository\",\"status\":\"403\"}")));
    }

    /** GitHub having a bad moment: {@code status} (a 5xx) for every matching request. */
    public void failing(String pathRegex, int status) {
        server.stubFor(any(urlPathMatching("/api/v3" + pathRegex)).atPriority(FAILURE).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Unicorn! " + status + "</body></html>")));
    }

    /** GraphQL's own limit as GitHub now also words it: a 200 whose error is of type {@code RATE_LIMIT}, until {@code reset}. */
    public void graphqlRateLimitedInBody(Instant reset) {
        server.stubFor(post(urlPathEqualTo("/api/graphql")).atPriority(FAILURE).willReturn(GitHubGraphQlStub.graphqlHeaders(
                aResponse().withStatus(200), 0, reset)
                .withBody("{\"errors\":[{\"type\":\"RATE_LIMIT\",\"code\":\"graphql_rate_limit\",\"message\":\"API rate limit already exceeded for user ID 1.\"}]}")));
    }

    /** GraphQL no longer sees the file (REST still serves it): a GraphQL answer the scan must not trust to remove. */
    public void hiddenFromGraphQl(String fullName, String ref, String path) {
        texts.remove(fullName.toLowerCase(java.util.Locale.ROOT) + "\n" + ref + ":" + path);
    }

    /** GraphQL having a bad moment: {@code status} for every query (REST unaffected). */
    public void graphqlFailing(int status) {
        server.stubFor(post(urlPathEqualTo("/api/graphql")).atPriority(FAILURE).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Unicorn! " + status + "</body></html>")));
    }

    /** GraphQL's own budget spent: every query refused with a 403 until {@code reset} (REST unaffected). */
    public void graphqlRateLimited(Instant reset) {
        server.stubFor(post(urlPathEqualTo("/api/graphql")).atPriority(FAILURE).willReturn(GitHubGraphQlStub.graphqlHeaders(
                aResponse().withStatus(403), 0, reset)
                .withBody("{\"message\":\"API rate limit exceeded for user ID 1.\",\"documentation_url\":\"https://docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api\"}")));
    }

    /** Answers for matching requests only after {@code delayMillis} (to run into a client's timeout). */
    public void stalling(String pathRegex, int delayMillis) {
        server.stubFor(any(urlPathMatching("/api/v3" + pathRegex)).atPriority(FAILURE)
                .willReturn(json(200, "{}").withFixedDelay(delayMillis)));
    }

    /** Every answer from now on only after {@code delayMillis}: GitHub slow, so work that asks it takes a while. */
    public void slow(int delayMillis) {
        server.setGlobalFixedDelay(delayMillis);
    }

    /** Takes back the failures set up with {@link #rateLimited}, {@link #failing}, … (GitHub is fine again). */
    public void recover() {
        new ArrayList<>(server.getStubMappings()).stream().filter(m -> m.getPriority() != null && m.getPriority() == FAILURE)
                .forEach(server::removeStub);
    }

    // ---- what was asked ----

    /** GET requests whose path (under /api/v3) matches {@code pathRegex}. */
    public int gets(String pathRegex) {
        return server.findAll(getRequestedFor(urlPathMatching("/api/v3" + pathRegex))).size();
    }

    /** Every request received so far. */
    public int requests() {
        return server.getAllServeEvents().size();
    }

    /**
     * REST answers that cost rate limit on GitHub: every answer but a 304. GraphQL queries spend a budget of their own
     * ({@link #graphqlQueries()}).
     */
    public long costlyRequests() {
        return server.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() != 304)
                .filter(e -> !e.getRequest().getUrl().startsWith("/api/graphql")).count();
    }

    /** Requests to the GraphQL endpoint, whether answered or refused. */
    public int graphqlRequests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/api/graphql"))).size();
    }

    /** GraphQL queries answered; each costs GraphQL's budget (points), not the REST one. */
    public long graphqlQueries() {
        return graphql.queries();
    }

    /** How many times GraphQL was asked to look into the repository. */
    public long graphqlLookups(String fullName) {
        return graphql.asked(fullName);
    }

    public long notModifiedAnswers() {
        return server.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 304).count();
    }

    public List<ServeEvent> served() {
        return server.getAllServeEvents();
    }

    public void resetRequests() {
        server.resetRequests();
        graphql.reset();
    }

    public RequestPatternBuilder getsOf(String pathRegex) {
        return getRequestedFor(urlPathMatching("/api/v3" + pathRegex));
    }

    @Override
    public void close() {
        server.stop();
    }

    // ---- building blocks ----

    /** A JSON answer at {@code path} (no query), with its ETag and the 304 for a request that sends it back. */
    public void conditionalJson(String path, String body, Map<String, String> headers) {
        conditional("path:" + path, get(urlPathEqualTo("/api/v3" + path)), get(urlPathEqualTo("/api/v3" + path)), body, headers);
    }

    /** As {@link #conditionalJson} but matching path and query exactly. */
    public void conditionalJsonAtUrl(String pathAndQuery, String body, Map<String, String> headers) {
        conditional("url:" + pathAndQuery, get(urlEqualTo("/api/v3" + pathAndQuery)), get(urlEqualTo("/api/v3" + pathAndQuery)), body, headers);
    }

    /**
     * A JSON answer for requests matching {@code fresh}, with its ETag, and the 304 for {@code revalidated} sending it
     * back; {@code key} names the answer, so a new answer under the same key replaces the old one and its 304.
     */
    public void conditional(String key, MappingBuilder fresh, MappingBuilder revalidated, String body, Map<String, String> headers) {
        String etag = "W/\"" + gitSha(body.getBytes(StandardCharsets.UTF_8)) + "\"";
        ResponseDefinitionBuilder ok = json(200, body).withHeader("ETag", etag);
        headers.forEach(ok::withHeader);
        // a new answer at the same URL replaces the old one, its 304 included: the old ETag no longer matches
        List<UUID> before = conditionalStubs.remove(key);
        if (before != null) {
            before.forEach(server::removeStub);
        }
        UUID freshId = server.stubFor(fresh.atPriority(NORMAL).willReturn(ok)).getId();
        ResponseDefinitionBuilder notModified = rateHeaders(aResponse().withStatus(304)).withHeader("ETag", etag);
        UUID revalidatedId = server.stubFor(revalidated.withHeader("If-None-Match", equalTo(etag)).atPriority(CONDITIONAL)
                .willReturn(notModified)).getId();
        conditionalStubs.put(key, List.of(freshId, revalidatedId));
    }

    public ResponseDefinitionBuilder json(int status, String body) {
        return rateHeaders(aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-GitHub-Request-Id", UUID.randomUUID().toString()).withBody(body));
    }

    ResponseDefinitionBuilder rateHeaders(ResponseDefinitionBuilder response) {
        return response.withHeader("x-ratelimit-limit", "5000").withHeader("x-ratelimit-remaining", Long.toString(rateLimitRemaining))
                .withHeader("x-ratelimit-reset", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()))
                .withHeader("x-ratelimit-resource", "core");
    }

    public long id(String key) {
        return ids.computeIfAbsent(key, k -> IDS.incrementAndGet());
    }

    public static ObjectMapper json() {
        return JSON;
    }

    /** A query value as the client sends it: a branch {@code release/1.0} goes out as {@code release%2F1.0}. */
    static String query(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String wrap60(String base64) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < base64.length(); i += 60) {
            out.append(base64, i, Math.min(base64.length(), i + 60)).append('\n');
        }
        return out.toString();
    }

    static String gitSha(byte[] bytes) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha1.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
