package io.catalog.graph.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.model.LocationSource;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.processing.DueSignal;
import io.catalog.graph.processing.GeneratedLocationEntity;
import io.catalog.graph.storage.LocationStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.kohsuke.github.HttpException;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Keeps each organisation's teams and members in the catalog: reads them from GitHub ({@link #sync}, called by the
 * provider's scan; the targeted re-reads of {@link OrganizationChanges}, called for webhooks), stores the snapshot
 * when the read is complete, and marks the organisation's location due, whose read ({@link GitHubOrganizationReader})
 * turns the stored snapshot into Group and User entities through the normal pipeline. A read that fails anywhere
 * (rate limit, 5xx, a page missing) stores nothing: the last good groups and users stay.
 */
@ApplicationScoped
public class OrganizationSync implements OrganizationChanges {

    private static final Logger LOG = Logger.getLogger(OrganizationSync.class);

    /**
     * What one read did.
     *
     * @param status      {@code ok}, {@code failed}, {@code rate-limited} or {@code disabled}
     * @param changed     whether the stored snapshot changed (and the location was marked due)
     * @param requests    requests made to GitHub during the read, {@code notModified} of them answered 304 (free)
     */
    public record Summary(String provider, String organization, String status, int teams, int users, long requests,
                          long notModified, boolean changed, String error, Instant finishedAt) {
    }

    private final GitHubClients clients;
    private final TeamParents parents;
    private final OrganizationSnapshotStore snapshots;
    private final LocationStore locations;
    private final DueSignal due;
    private final ObjectMapper json;

    public OrganizationSync(GitHubClients clients, TeamParents parents, OrganizationSnapshotStore snapshots,
                            LocationStore locations, DueSignal due, ObjectMapper json) {
        this.clients = clients;
        this.parents = parents;
        this.snapshots = snapshots;
        this.locations = locations;
        this.due = due;
        this.json = json;
    }

    /** Reads the whole organisation; only a complete read replaces the stored snapshot. Never throws. */
    public Summary sync(GitHubProviderSettings provider, String organization) {
        if (!provider.orgEnabled()) {
            return new Summary(provider.id(), organization, "disabled", 0, 0, 0, 0, false, null, Instant.now());
        }
        RequestStats.Snapshot before = clients.stats(provider.id()).snapshot();
        try {
            OrganizationSnapshot snapshot = reader(provider, organization).readAll(organization);
            boolean changed = snapshots.save(provider.key(), snapshot);
            publish(provider, snapshot.org().login(), changed);
            return summary(provider, organization, before, ScanSummary.OK, snapshot, changed, null);
        } catch (IOException | RuntimeException e) {
            return failure(provider, organization, before, "reading the organisation", e);
        }
    }

    @Override
    public void teamChanged(GitHubProviderSettings provider, String organization, String teamSlug) {
        change(provider, organization, "team " + teamSlug, reader -> {
            OrganizationSnapshot.Team team = reader.team(organization, teamSlug);
            return snapshot -> team == null ? snapshot.withoutTeam(teamSlug) : snapshot.withTeam(team);
        });
    }

    /**
     * The team goes; the teams above it are read again, since GitHub listed its members among theirs: who stays a
     * direct member of a parent only a fresh read of the parent says.
     */
    @Override
    public void teamDeleted(GitHubProviderSettings provider, String organization, String teamSlug) {
        List<String> above = lineage(provider, organization, teamSlug).stream().filter(slug -> !slug.equals(teamSlug)).toList();
        change(provider, organization, "team " + teamSlug, reader -> {
            UnaryOperator<OrganizationSnapshot> reread = readTeams(reader, organization, above);
            return snapshot -> reread.apply(snapshot.withoutTeam(teamSlug));
        });
    }

    /**
     * GitHub lists a team's members with those of its child teams, so the team and every team above it are read
     * again: a member leaving a child team may stay a direct member of the parent, or not.
     */
    @Override
    public void membershipChanged(GitHubProviderSettings provider, String organization, String teamSlug) {
        List<String> lineage = lineage(provider, organization, teamSlug);
        change(provider, organization, "team " + teamSlug + " members", reader -> readTeams(reader, organization, lineage));
    }

    /** The team and the teams above it, as stored (the team alone when nothing is stored about it). */
    private List<String> lineage(GitHubProviderSettings provider, String organization, String teamSlug) {
        Optional<OrganizationSnapshotStore.Stored> stored = snapshots.load(provider.key(), organization);
        return stored.map(s -> s.snapshot().lineage(teamSlug).stream().map(OrganizationSnapshot.Team::slug).toList())
                .filter(l -> !l.isEmpty()).orElse(List.of(teamSlug));
    }

    /** Reads the teams again; applied to a snapshot, each replaces its stored self, or goes when GitHub no longer has it. */
    private static UnaryOperator<OrganizationSnapshot> readTeams(OrganizationReader reader, String organization, List<String> slugs)
            throws IOException {
        List<OrganizationSnapshot.Team> read = new java.util.ArrayList<>();
        List<String> gone = new java.util.ArrayList<>();
        for (String slug : slugs) {
            OrganizationSnapshot.Team team = reader.team(organization, slug);
            if (team == null) {
                gone.add(slug);
            } else {
                read.add(team);
            }
        }
        return snapshot -> {
            OrganizationSnapshot next = snapshot;
            for (OrganizationSnapshot.Team team : read) {
                next = next.withTeam(team);
            }
            for (String slug : gone) {
                next = next.withoutTeam(slug);
            }
            return next;
        };
    }

    @Override
    public void membersChanged(GitHubProviderSettings provider, String organization) {
        Optional<OrganizationSnapshotStore.Stored> stored = snapshots.load(provider.key(), organization);
        java.util.Set<String> known = stored.map(s -> new HashSet<>(s.snapshot().people().keySet())).orElseGet(HashSet::new);
        change(provider, organization, "members", reader -> {
            OrganizationReader.MemberList members = reader.members(organization, known);
            return snapshot -> snapshot.withMembers(members.logins(), members.people());
        });
    }

    /** A targeted re-read: the GitHub reads happen first, then the change is applied to the stored snapshot at once. */
    private interface TargetedRead {
        UnaryOperator<OrganizationSnapshot> read(OrganizationReader reader) throws IOException;
    }

    private void change(GitHubProviderSettings provider, String organization, String what, TargetedRead targeted) {
        if (!provider.orgEnabled()) {
            return;
        }
        RequestStats.Snapshot before = clients.stats(provider.id()).snapshot();
        if (snapshots.load(provider.key(), organization).isEmpty()) {
            // nothing stored yet: only a complete read can say what the organisation holds
            LOG.infof("GitHub provider %s: %s of %s changed before any complete read; reading the whole organisation",
                    provider.id(), what, organization);
            Summary read = sync(provider, organization);
            if (!ScanSummary.OK.equals(read.status())) {
                throw new GitHubUnavailableException(read.error(), clients.stats(provider.id()).blockedUntil(), null);
            }
            return;
        }
        try {
            UnaryOperator<OrganizationSnapshot> apply = targeted.read(reader(provider, organization));
            boolean changed = snapshots.update(provider.key(), organization, apply);
            publish(provider, organization, changed);
        } catch (IOException | RuntimeException e) {
            Summary failed = failure(provider, organization, before, "re-reading " + what, e);
            throw new GitHubUnavailableException(failed.error(), clients.stats(provider.id()).blockedUntil(), e);
        }
    }

    private OrganizationReader reader(GitHubProviderSettings provider, String organization) throws IOException {
        return new OrganizationReader(clients.client(provider, organization), clients.graphql(provider, organization), json, parents,
                provider.id());
    }

    /** Registers the organisation's location the first time; marks it due whenever the snapshot changed. */
    private void publish(GitHubProviderSettings provider, String organization, boolean changed) {
        LocationSpec spec = location(provider, organization);
        Optional<UUID> id = locations.idOf(spec);
        if (id.isEmpty()) {
            try {
                locations.register(spec, LocationSource.PROVIDER, provider.key(), GeneratedLocationEntity.of(spec, json));
            } catch (LocationStore.AlreadyRegisteredException e) {
                // registered by another instance at the same moment: due at once all the same
            }
            due.signal();
        } else if (changed) {
            locations.requestRefresh(id.get());
            due.signal();
        }
    }

    /** The location standing for an organisation's teams and members: its GitHub page. */
    public static LocationSpec location(GitHubProviderSettings provider, String organization) {
        return new LocationSpec(LocationSpec.URL, provider.urls().organization(organization));
    }

    private Summary summary(GitHubProviderSettings provider, String organization, RequestStats.Snapshot before, String status,
                            OrganizationSnapshot snapshot, boolean changed, String error) {
        RequestStats.Snapshot spent = clients.stats(provider.id()).snapshot().since(before);
        return new Summary(provider.id(), organization, status, snapshot == null ? 0 : snapshot.teams().size(),
                snapshot == null ? 0 : snapshot.members().size(), spent.requests(), spent.notModified(), changed, error, Instant.now());
    }

    private Summary failure(GitHubProviderSettings provider, String organization, RequestStats.Snapshot before, String doing,
                            Exception e) {
        Instant blocked = clients.stats(provider.id()).blockedUntil();
        String status = blocked != null ? ScanSummary.RATE_LIMITED : ScanSummary.FAILED;
        String error = blocked != null
                ? "GitHub rate limit reached while " + doing + " " + organization + "; GitHub asks to wait until " + blocked
                : httpStatus(e) > 0
                ? "GitHub answered HTTP " + httpStatus(e) + " while " + doing + " " + organization
                : "cannot finish " + doing + " " + organization + ": " + e.getMessage();
        LOG.warnf("GitHub provider %s: %s; the last good teams and members stay", provider.id(), error);
        return summary(provider, organization, before, status, null, false, error);
    }

    /** The HTTP status behind a failure; a failed page of a list arrives wrapped in a runtime exception. */
    private static int httpStatus(Throwable e) {
        for (Throwable at = e; at != null; at = at.getCause()) {
            if (at instanceof HttpException http) {
                return http.getResponseCode();
            }
        }
        return -1;
    }
}
