package io.catalog.graph.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Organisations of any size for {@link GitHubStub}, answered from the URL instead of one stub per repository (ten
 * thousand repositories would be tens of thousands of WireMock mappings, each request matched against all of them):
 * repository {@code ORG/repo-00042} has one Component {@code ORG-repo-00042} at {@code /catalog-info.yaml}. Every
 * answer has its ETag and a matching {@code If-None-Match} gets a 304, as GitHub does. Counts answers by kind.
 */
public final class SyntheticOrganizations implements ResponseDefinitionTransformerV2 {

    static final String NAME = "synthetic-organizations";
    private static final Instant PUSHED = Instant.parse("2026-11-01T10:00:00Z");
    private static final Pattern LIST = Pattern.compile("/api/v3/(?:orgs/([^/]+)|organizations/(\\d+))/repos");
    private static final Pattern REPOSITORY = Pattern.compile("/api/v3/repos/([^/]+)/([^/]+)");
    private static final Pattern CONTENTS = Pattern.compile("/api/v3/repos/([^/]+)/([^/]+)/contents/catalog-info\\.yaml");

    private final Map<String, Integer> sizes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile GitHubStub stub;

    void attach(GitHubStub owner) {
        this.stub = owner;
    }

    void organization(String org, int repositories) {
        sizes.put(org, repositories);
    }

    boolean has(String fullName) {
        return sizes.containsKey(fullName.substring(0, fullName.indexOf('/')));
    }

    /** What GraphQL finds at {@code ref:path} in a synthetic repository: its one descriptor, on {@code main}. */
    java.util.Optional<String> descriptor(String fullName, String expression) {
        String org = fullName.substring(0, fullName.indexOf('/'));
        if (!sizes.containsKey(org) || !expression.equals("main:catalog-info.yaml")) {
            return java.util.Optional.empty();
        }
        counts.computeIfAbsent("graphql", k -> new AtomicLong()).incrementAndGet();
        return java.util.Optional.of(Descriptors.component(org + "-" + fullName.substring(org.length() + 1), "team-a"));
    }

    /** Answers by kind ({@code list}, {@code repository}, {@code contents}, {@code graphql}: a repository looked into), a {@code -304} suffix for the free ones. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void resetCounts() {
        counts.clear();
    }

    public static String repositoryName(int index) {
        return "repo-%05d".formatted(index);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        URI url = URI.create(event.getRequest().getUrl());
        String path = url.getPath();
        Map<String, String> query = query(url.getRawQuery());
        Matcher m;
        if ((m = LIST.matcher(path)).matches()) {
            String org = m.group(1) != null ? m.group(1) : orgOfId(Long.parseLong(m.group(2)));
            return page(event, org, Integer.parseInt(query.getOrDefault("per_page", "30")), Integer.parseInt(query.getOrDefault("page", "1")));
        }
        if ((m = CONTENTS.matcher(path)).matches() && sizes.containsKey(m.group(1))) {
            return contents(event, m.group(1), m.group(2), query.getOrDefault("ref", "main"));
        }
        if ((m = REPOSITORY.matcher(path)).matches() && sizes.containsKey(m.group(1))) {
            return answer(event, "repository", stub.repository(repo(m.group(1), m.group(2))).toString(), Map.of());
        }
        return stub.json(404, "{\"message\":\"Not Found\"}").build();
    }

    private ResponseDefinition page(ServeEvent event, String org, int perPage, int page) {
        int size = sizes.getOrDefault(org, 0);
        int pages = Math.max(1, (size + perPage - 1) / perPage);
        ArrayNode body = GitHubStub.json().createArrayNode();
        for (int i = (page - 1) * perPage; i < Math.min(size, page * perPage); i++) {
            body.add(stub.repository(repo(org, repositoryName(i))));
        }
        String next = stub.apiUrl() + "/organizations/" + stub.id("org:" + org) + "/repos?per_page=" + perPage + "&page=";
        StringBuilder link = new StringBuilder();
        if (page < pages) {
            link.append("<").append(next).append(page + 1).append(">; rel=\"next\", <").append(next).append(pages).append(">; rel=\"last\"");
        }
        return answer(event, "list", body.toString(), link.isEmpty() ? Map.of() : Map.of("Link", link.toString()));
    }

    private ResponseDefinition contents(ServeEvent event, String org, String name, String ref) {
        String descriptor = Descriptors.component(org + "-" + name, "team-a");
        byte[] bytes = descriptor.getBytes(StandardCharsets.UTF_8);
        String sha = GitHubStub.gitSha(bytes);
        String fullName = org + "/" + name;
        ObjectNode node = GitHubStub.json().createObjectNode();
        node.put("type", "file").put("encoding", "base64").put("size", bytes.length).put("name", "catalog-info.yaml")
                .put("path", "catalog-info.yaml").put("content", GitHubStub.wrap60(Base64.getEncoder().encodeToString(bytes)))
                .put("sha", sha).put("url", stub.apiUrl() + "/repos/" + fullName + "/contents/catalog-info.yaml?ref=" + ref)
                .put("git_url", stub.apiUrl() + "/repos/" + fullName + "/git/blobs/" + sha)
                .put("html_url", stub.webBase() + "/" + fullName + "/blob/" + ref + "/catalog-info.yaml");
        return answer(event, "contents", node.toString(), Map.of());
    }

    private ResponseDefinition answer(ServeEvent event, String kind, String body, Map<String, String> headers) {
        String etag = "W/\"" + GitHubStub.gitSha(body.getBytes(StandardCharsets.UTF_8)) + "\"";
        if (etag.equals(event.getRequest().getHeader("If-None-Match"))) {
            counts.computeIfAbsent(kind + "-304", k -> new AtomicLong()).incrementAndGet();
            return stub.rateHeaders(new ResponseDefinitionBuilder().withStatus(304)).withHeader("ETag", etag).build();
        }
        counts.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        ResponseDefinitionBuilder ok = stub.json(200, body).withHeader("ETag", etag);
        headers.forEach(ok::withHeader);
        return ok.build();
    }

    private static GitHubStub.Repo repo(String org, String name) {
        return new GitHubStub.Repo(org + "/" + name, "main", PUSHED, false, false, "public", java.util.List.of());
    }

    private String orgOfId(long id) {
        return sizes.keySet().stream().filter(org -> stub.id("org:" + org) == id).findFirst().orElse("");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new TreeMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    values.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return values;
    }
}
