package io.catalog.graph.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.github.webhook.WebhookSignature;
import io.restassured.response.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Webhook deliveries as GitHub sends them to the running app: the sample payloads of
 * {@code src/test/resources/github/webhooks/} re-targeted at the local GitHub ({@link GitHubStub}: its API and web
 * hosts, the repository, organisation or team a test names), signed with {@link GitHubTestResource#WEBHOOK_SECRET}
 * and posted to {@code POST /api/github/webhook} with {@code X-GitHub-Event} and a fresh {@code X-GitHub-Delivery}.
 */
public final class GitHubDeliveries {

    public static final String ROUTE = "/api/github/webhook";
    private static final WebhookSignature SIGNATURE = new WebhookSignature(GitHubTestResource.WEBHOOK_SECRET);

    private final GitHubStub github;

    public GitHubDeliveries(GitHubStub github) {
        this.github = github;
    }

    /** A delivery as sent: its id and the app's answer. */
    public record Sent(String id, Response answer) {
    }

    /** Signs and posts {@code payload} as event {@code event}, under a new delivery id. */
    public Sent send(String event, ObjectNode payload) {
        String id = UUID.randomUUID().toString();
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        Response answer = given().contentType("application/json").header("X-GitHub-Event", event).header("X-GitHub-Delivery", id)
                .header("X-GitHub-Hook-ID", "30").header(WebhookSignature.HEADER, SIGNATURE.sign(body)).body(body).post(ROUTE);
        return new Sent(id, answer);
    }

    // ---- payloads ----

    /**
     * A push of {@code ref} ({@code refs/heads/BRANCH}) from {@code before} to {@code after} whose commits, one
     * for each list given here, added, modified and removed those paths.
     */
    public ObjectNode push(String fullName, String branch, String before, String after, List<String> added, List<String> modified,
                           List<String> removed) {
        ObjectNode push = repositoryEvent("push", fullName);
        push.put("ref", "refs/heads/" + branch).put("before", before).put("after", after)
                .put("compare", github.webBase() + "/" + fullName + "/compare/" + before.substring(0, 12) + "..." + after.substring(0, 12));
        ArrayNode commits = push.putArray("commits");
        ObjectNode commit = commit(fullName, after, "Change the descriptors");
        added.forEach(commit.withArray("added")::add);
        modified.forEach(commit.withArray("modified")::add);
        removed.forEach(commit.withArray("removed")::add);
        commits.add(commit);
        push.set("head_commit", commit.deepCopy());
        return push;
    }

    /** One commit of a push payload, changing no file yet. */
    public ObjectNode commit(String fullName, String sha, String message) {
        ObjectNode commit = GitHubStub.json().createObjectNode();
        commit.put("id", sha).put("tree_id", sha.substring(0, 39) + "f").put("distinct", true).put("message", message)
                .put("timestamp", "2026-11-02T10:00:00Z").put("url", github.webBase() + "/" + fullName + "/commit/" + sha);
        commit.putObject("author").put("name", "Codertocat").put("email", "21031067+Codertocat@users.noreply.github.com")
                .put("username", "Codertocat");
        commit.putObject("committer").put("name", "GitHub").put("email", "noreply@github.com").put("username", "web-flow");
        commit.putArray("added");
        commit.putArray("removed");
        commit.putArray("modified");
        return commit;
    }

    /** A {@code repository} event ({@code archived}, {@code unarchived}, {@code deleted}, …) about {@code fullName}. */
    public ObjectNode repository(String action, String fullName) {
        return repositoryEvent("repository-archived", fullName).put("action", action);
    }

    /**
     * A {@code repository} event ({@code privatized}, {@code publicized}, {@code archived}, …) whose repository GitHub
     * describes as {@code now} is: {@code private}, {@code visibility}, {@code archived}, {@code fork}, {@code topics}
     * and the branches as they are after the change the event reports.
     */
    public ObjectNode repository(String action, GitHubStub.Repo now) {
        ObjectNode payload = repository(action, now.fullName());
        ObjectNode repository = (ObjectNode) payload.get("repository");
        repository.put("private", !now.visibility().equals("public")).put("visibility", now.visibility())
                .put("archived", now.archived()).put("fork", now.fork()).put("default_branch", now.defaultBranch())
                .put("pushed_at", now.pushedAt().toString()).put("updated_at", now.pushedAt().toString());
        ArrayNode topics = repository.putArray("topics");
        now.topics().forEach(topics::add);
        return payload;
    }

    /**
     * {@code edited}: the repository's topics were changed from {@code topicsBefore} to those of {@code now}, which
     * GitHub reports as {@code changes.topics.from} beside the repository as it now is.
     */
    public ObjectNode topicsEdited(GitHubStub.Repo now, List<String> topicsBefore) {
        ObjectNode payload = repository("edited", now);
        ArrayNode from = payload.putObject("changes").putObject("topics").putArray("from");
        topicsBefore.forEach(from::add);
        return payload;
    }

    /** {@code fullName} was renamed from {@code oldName} (the name alone, as GitHub's {@code changes} gives it). */
    public ObjectNode renamed(String fullName, String oldName) {
        ObjectNode payload = repositoryEvent("repository-renamed", fullName);
        ((ObjectNode) payload.path("changes").path("repository").path("name")).put("from", oldName);
        return payload;
    }

    /** {@code fullName} now belongs to another organisation; it was {@code previousOwner}'s. */
    public ObjectNode transferred(String fullName, String previousOwner) {
        ObjectNode payload = repositoryEvent("repository-transferred", fullName);
        ((ObjectNode) payload.path("changes").path("owner").path("from").path("organization")).put("login", previousOwner)
                .put("url", github.apiUrl() + "/orgs/" + previousOwner);
        return payload;
    }

    /** A {@code team} event ({@code created}, {@code edited}, {@code deleted}) about team {@code slug} of {@code org}. */
    public ObjectNode team(String action, String org, String slug, String parentSlug) {
        ObjectNode payload = organizationEvent("team-created", org).put("action", action);
        payload.set("team", team(org, slug, parentSlug));
        return payload;
    }

    /**
     * {@code edited}: team {@code slug} of {@code org} was renamed from {@code oldName}. GitHub derives a team's slug
     * from its name, so {@code team} carries the new slug (and the same id); {@code changes} names only the old name.
     */
    public ObjectNode teamRenamed(String org, String slug, String oldName, String parentSlug) {
        ObjectNode payload = team("edited", org, slug, parentSlug);
        payload.putObject("changes").putObject("name").put("from", oldName);
        return payload;
    }

    /** A {@code membership} event: {@code login} was added to (or removed from) team {@code slug} of {@code org}. */
    public ObjectNode membership(String action, String org, String slug, String login) {
        ObjectNode payload = organizationEvent("membership-added", org).put("action", action);
        payload.set("team", team(org, slug, null));
        ((ObjectNode) payload.get("member")).put("login", login).put("id", github.id("user:" + login))
                .put("url", github.apiUrl() + "/users/" + login).put("html_url", github.webBase() + "/" + login);
        return payload;
    }

    private ObjectNode team(String org, String slug, String parentSlug) {
        long id = github.id("team:" + org + "/" + slug);
        String url = github.apiUrl() + "/organizations/" + github.id("org:" + org) + "/team/" + id;
        ObjectNode team = GitHubStub.json().createObjectNode();
        team.put("name", "Team " + slug).put("id", id).put("node_id", "T_" + id).put("slug", slug).put("description", "the " + slug + " team")
                .put("privacy", "closed").put("notification_setting", "notifications_enabled").put("url", url)
                .put("html_url", github.webBase() + "/orgs/" + org + "/teams/" + slug).put("members_url", url + "/members{/member}")
                .put("repositories_url", url + "/repos").put("permission", "pull");
        if (parentSlug == null) {
            team.putNull("parent");
        } else {
            team.set("parent", team(org, parentSlug, null));
        }
        return team;
    }

    /** A sample whose repository ({@code acme/payments} in the samples) is {@code fullName}, its organisation the owner. */
    private ObjectNode repositoryEvent(String sample, String fullName) {
        String owner = fullName.substring(0, fullName.indexOf('/'));
        String name = fullName.substring(fullName.indexOf('/') + 1);
        ObjectNode payload = load(sample, text -> text.replace("acme/payments", fullName).replace("globex/payments", fullName));
        ObjectNode repository = (ObjectNode) payload.get("repository");
        repository.put("id", github.id("repo:" + fullName)).put("name", name).put("full_name", fullName)
                .put("html_url", github.webBase() + "/" + fullName);
        ((ObjectNode) repository.get("owner")).put("login", owner).put("id", github.id("org:" + owner))
                .put("url", github.apiUrl() + "/users/" + owner).put("html_url", github.webBase() + "/" + owner);
        if (repository.has("organization")) {
            repository.put("organization", owner);
        }
        ((ObjectNode) payload.get("organization")).put("login", owner).put("id", github.id("org:" + owner))
                .put("url", github.apiUrl() + "/orgs/" + owner);
        return payload;
    }

    private ObjectNode organizationEvent(String sample, String org) {
        ObjectNode payload = load(sample, text -> text);
        ((ObjectNode) payload.get("organization")).put("login", org).put("id", github.id("org:" + org))
                .put("url", github.apiUrl() + "/orgs/" + org);
        return payload;
    }

    /** A sample with GitHub's hosts replaced by the local GitHub's, then {@code edit}ed as text. */
    private ObjectNode load(String sample, java.util.function.UnaryOperator<String> edit) {
        try (InputStream in = GitHubDeliveries.class.getResourceAsStream("/github/webhooks/" + sample + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample payload " + sample);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("https://api.github.com", github.apiUrl()).replace("https://github.com", github.webBase());
            return (ObjectNode) GitHubStub.json().readTree(edit.apply(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
