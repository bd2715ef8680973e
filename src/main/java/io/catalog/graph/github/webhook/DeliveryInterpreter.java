package io.catalog.graph.github.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.catalog.graph.github.GitHubProviderSettings;
import io.catalog.graph.github.GitHubUrls;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Decides what a delivery means: which configured providers read the repository or organisation it is about, and
 * what each must do. Pure: the event name, the payload (in GitHub's webhook shapes) and the providers in, the
 * {@link Interpretation} out. A delivery about an organisation or host no provider reads is ignored.
 */
public final class DeliveryInterpreter {

    /** GitHub lists at most this many commits in a push payload; a push at the cap may have more. */
    public static final int PUSH_COMMIT_CAP = 2048;
    private static final String NO_COMMIT = "0000000000000000000000000000000000000000";

    private final List<GitHubProviderSettings> providers;

    public DeliveryInterpreter(List<GitHubProviderSettings> providers) {
        this.providers = List.copyOf(providers);
    }

    public Interpretation interpret(String event, JsonNode payload) {
        return switch (event) {
            case "ping" -> Interpretation.ignored("ping");
            case "push" -> push(payload);
            case "repository" -> repository(payload);
            case "installation_repositories" -> installationRepositories(payload);
            case "organization" -> organization(payload);
            case "team" -> team(payload);
            case "membership" -> membership(payload);
            default -> Interpretation.ignored("event " + event + " does not concern the catalog");
        };
    }

    // ---- repositories ----

    private Interpretation push(JsonNode payload) {
        JsonNode repo = payload.path("repository");
        String fullName = repo.path("full_name").asText();
        List<GitHubProviderSettings> readers = readers(payload, owner(repo));
        if (readers.isEmpty()) {
            return notRead(payload, owner(repo));
        }
        String ref = payload.path("ref").asText();
        if (!ref.startsWith("refs/heads/")) {
            return Interpretation.ignored("a push to " + ref + ", not a branch");
        }
        String branch = ref.substring("refs/heads/".length());
        String before = payload.path("before").asText(NO_COMMIT);
        String after = payload.path("after").asText(NO_COMMIT);
        JsonNode commits = payload.path("commits");
        List<DeliveryAction> actions = new ArrayList<>();
        List<String> tracked = new ArrayList<>();
        for (GitHubProviderSettings provider : readers) {
            String trackedBranch = provider.filter().branch() != null ? provider.filter().branch() : repo.path("default_branch").asText(null);
            tracked.add(trackedBranch);
            if (!branch.equals(trackedBranch)) {
                continue;
            }
            if (payload.path("deleted").asBoolean() || payload.path("created").asBoolean() || payload.path("forced").asBoolean()) {
                // no list of changes describes these: read the repository again
                actions.add(new DeliveryAction.RepositoryChanged(provider, fullName));
            } else if (commits.size() >= PUSH_COMMIT_CAP || commits.isEmpty() && !before.equals(after)) {
                actions.add(new DeliveryAction.CompareNeeded(provider, fullName, branch, before, after));
            } else {
                PushFiles files = PushFiles.ofCommits(commits);
                if (!files.isEmpty()) {
                    actions.add(new DeliveryAction.FilesChanged(provider, fullName, branch, files.addedOrModified(), files.removed()));
                }
            }
        }
        if (actions.isEmpty()) {
            return Interpretation.ignored(tracked.stream().noneMatch(branch::equals)
                    ? "a push to branch " + branch + ", not the tracked " + String.join(", ", tracked.stream().distinct().toList())
                    : "a push that changed no file");
        }
        return Interpretation.of(actions);
    }

    private Interpretation repository(JsonNode payload) {
        JsonNode repo = payload.path("repository");
        String fullName = repo.path("full_name").asText();
        String action = payload.path("action").asText();
        if (action.equals("transferred")) {
            return transferred(payload, repo, fullName);
        }
        List<GitHubProviderSettings> readers = readers(payload, owner(repo));
        if (readers.isEmpty()) {
            return notRead(payload, owner(repo));
        }
        return switch (action) {
            case "deleted" -> Interpretation.of(each(readers, p -> new DeliveryAction.RepositoryRemoved(p, fullName)));
            case "created", "archived", "unarchived", "edited", "privatized", "publicized" ->
                    Interpretation.of(each(readers, p -> new DeliveryAction.RepositoryChanged(p, fullName)));
            case "renamed" -> {
                String from = payload.path("changes").path("repository").path("name").path("from").asText(null);
                yield from == null ? Interpretation.of(each(readers, p -> new DeliveryAction.RepositoryChanged(p, fullName)))
                        : Interpretation.of(each(readers, p -> new DeliveryAction.RepositoryRenamed(p, owner(repo) + "/" + from, fullName)));
            }
            default -> Interpretation.ignored("repository action " + action + " does not concern the catalog");
        };
    }

    /**
     * A provider that reads both owners follows the repository; one that reads only the old owner loses it; one that
     * reads only the new owner gains it.
     */
    private Interpretation transferred(JsonNode payload, JsonNode repo, String fullName) {
        JsonNode from = payload.path("changes").path("owner").path("from");
        String oldOwner = from.path("organization").path("login").asText(from.path("user").path("login").asText(null));
        String newOwner = owner(repo);
        String oldFullName = oldOwner == null ? null : oldOwner + "/" + repo.path("name").asText();
        List<DeliveryAction> actions = new ArrayList<>();
        for (GitHubProviderSettings provider : onHost(payload)) {
            boolean readsOld = oldOwner != null && reads(provider, oldOwner);
            boolean readsNew = reads(provider, newOwner);
            if (readsOld && readsNew) {
                actions.add(new DeliveryAction.RepositoryRenamed(provider, oldFullName, fullName));
            } else if (readsOld) {
                actions.add(new DeliveryAction.RepositoryRemoved(provider, oldFullName));
            } else if (readsNew) {
                actions.add(new DeliveryAction.RepositoryChanged(provider, fullName));
            }
        }
        return actions.isEmpty() ? notRead(payload, oldOwner + " or " + newOwner) : Interpretation.of(actions);
    }

    /** A GitHub App's installation gained or lost repositories (the "selected repositories" setting). */
    private Interpretation installationRepositories(JsonNode payload) {
        String account = payload.path("installation").path("account").path("login").asText();
        List<GitHubProviderSettings> readers = readers(payload, account).stream()
                .filter(p -> p.credentials() instanceof GitHubProviderSettings.App).toList();
        if (readers.isEmpty()) {
            return notRead(payload, account);
        }
        List<DeliveryAction> actions = new ArrayList<>();
        for (GitHubProviderSettings provider : readers) {
            payload.path("repositories_added").forEach(r -> actions.add(new DeliveryAction.RepositoryChanged(provider, r.path("full_name").asText())));
            payload.path("repositories_removed").forEach(r -> actions.add(new DeliveryAction.RepositoryRemoved(provider, r.path("full_name").asText())));
        }
        return Interpretation.of(actions);
    }

    // ---- organisations ----

    private Interpretation organization(JsonNode payload) {
        String org = payload.path("organization").path("login").asText();
        String action = payload.path("action").asText();
        if (action.equals("renamed")) {
            String from = payload.path("changes").path("login").path("from").asText("?");
            return Interpretation.ignored("organization " + from + " was renamed to " + org
                    + ": a provider configured with the old name must be given the new one");
        }
        List<GitHubProviderSettings> readers = orgReaders(payload, org);
        if (readers.isEmpty()) {
            return notRead(payload, org);
        }
        return switch (action) {
            case "member_added", "member_removed" -> Interpretation.of(each(readers, p -> new DeliveryAction.MembersChanged(p, org)));
            default -> Interpretation.ignored("organization action " + action + " does not concern the catalog");
        };
    }

    private Interpretation team(JsonNode payload) {
        String org = payload.path("organization").path("login").asText();
        String slug = payload.path("team").path("slug").asText(null);
        String action = payload.path("action").asText();
        List<GitHubProviderSettings> readers = orgReaders(payload, org);
        if (readers.isEmpty()) {
            return notRead(payload, org);
        }
        if (slug == null) {
            return Interpretation.ignored("team event without a team slug");
        }
        return switch (action) {
            case "created", "edited" -> Interpretation.of(each(readers, p -> new DeliveryAction.TeamChanged(p, org, slug)));
            case "deleted" -> Interpretation.of(each(readers, p -> new DeliveryAction.TeamDeleted(p, org, slug)));
            default -> Interpretation.ignored("team action " + action + " does not concern the catalog");
        };
    }

    private Interpretation membership(JsonNode payload) {
        String org = payload.path("organization").path("login").asText();
        String slug = payload.path("team").path("slug").asText(null);
        List<GitHubProviderSettings> readers = orgReaders(payload, org);
        if (readers.isEmpty()) {
            return notRead(payload, org);
        }
        if (!payload.path("scope").asText("team").equals("team") || slug == null) {
            return Interpretation.ignored("membership event without a team");
        }
        return Interpretation.of(each(readers, p -> new DeliveryAction.MembershipChanged(p, org, slug)));
    }

    // ---- who reads what ----

    private List<GitHubProviderSettings> orgReaders(JsonNode payload, String org) {
        return readers(payload, org).stream().filter(GitHubProviderSettings::orgEnabled).toList();
    }

    private List<GitHubProviderSettings> readers(JsonNode payload, String owner) {
        return onHost(payload).stream().filter(p -> reads(p, owner)).toList();
    }

    /** A provider with an organisation reads that one; a GitHub App without one reads every account it is installed on. */
    private static boolean reads(GitHubProviderSettings provider, String owner) {
        return provider.organization() == null || provider.organization().equalsIgnoreCase(owner);
    }

    /**
     * The providers on the host the delivery came from, as the organisation's API URL or the repository's (or
     * installation account's, or sender's) web URL tell it; push payloads name the repository by its web URL only.
     */
    private List<GitHubProviderSettings> onHost(JsonNode payload) {
        String api = firstText(payload.path("organization").path("url"));
        String web = firstText(payload.path("repository").path("html_url"), payload.path("installation").path("account").path("html_url"),
                payload.path("sender").path("html_url"));
        return providers.stream().filter(p -> api != null && api.regionMatches(true, 0, p.apiUrl() + "/", 0, p.apiUrl().length() + 1)
                || web != null && ownsWeb(p, web)).toList();
    }

    private static boolean ownsWeb(GitHubProviderSettings provider, String url) {
        try {
            return provider.urls().owns(URI.create(url));
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }

    private Interpretation notRead(JsonNode payload, String owner) {
        String web = firstText(payload.path("repository").path("html_url"), payload.path("sender").path("html_url"));
        String api = firstText(payload.path("organization").path("url"));
        String host = web != null ? hostOf(web) : api != null ? hostOf(webOfApi(api)) : "an unknown host";
        return Interpretation.ignored("no provider reads " + owner + " on " + host);
    }

    private static String webOfApi(String apiUrl) {
        try {
            return GitHubUrls.forApi(apiUrl).webBase();
        } catch (IllegalArgumentException notAUrl) {
            return apiUrl;
        }
    }

    private static String hostOf(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "an unknown host" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAUrl) {
            return "an unknown host";
        }
    }

    private static String owner(JsonNode repo) {
        String login = repo.path("owner").path("login").asText(null);
        if (login != null) {
            return login;
        }
        String fullName = repo.path("full_name").asText("");
        return fullName.contains("/") ? fullName.substring(0, fullName.indexOf('/')) : fullName;
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isTextual() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return null;
    }

    private static List<DeliveryAction> each(List<GitHubProviderSettings> readers, Function<GitHubProviderSettings, DeliveryAction> action) {
        return readers.stream().map(action).toList();
    }
}
