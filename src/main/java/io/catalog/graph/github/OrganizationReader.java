package io.catalog.graph.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.kohsuke.github.GHOrganization;
import org.kohsuke.github.GHTeam;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GitHub;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an organisation's teams and members through {@code github-api}, every request conditional (a 304 for what did
 * not change costs no rate limit). Lists are read 100 to a page, the most GitHub gives; the members' names and emails,
 * which no list has, 100 to a GraphQL query ({@link ProfileLookup}), else one REST request each. Any failed request fails the
 * whole read with its {@link IOException}: the caller keeps what it had.
 */
final class OrganizationReader {

    static final int PAGE_SIZE = 100;

    private final GitHub github;
    private final GitHubGraphQl graphql;
    private final ObjectMapper json;
    private final TeamParents parents;
    private final String providerId;

    OrganizationReader(GitHub github, GitHubGraphQl graphql, ObjectMapper json, TeamParents parents, String providerId) {
        this.github = github;
        this.graphql = graphql;
        this.json = json;
        this.parents = parents;
        this.providerId = providerId;
    }

    /** Everything: profile, teams with their members, members with their profiles. */
    OrganizationSnapshot readAll(String organization) throws IOException {
        GHOrganization org = organization(organization);
        List<OrganizationSnapshot.Team> teams = new ArrayList<>();
        for (GHTeam team : org.listTeams().withPageSize(PAGE_SIZE)) {
            teams.add(team(team));
        }
        MemberList members = members(org, Set.of());
        return new OrganizationSnapshot(profile(org), teams, members.logins(), members.people());
    }

    /** The organisation's profile alone (name, description, avatar). */
    OrganizationSnapshot.Org profile(String organization) throws IOException {
        return profile(organization(organization));
    }

    /** One team, with its members; null when the organisation has no such team (any more). */
    OrganizationSnapshot.Team team(String organization, String slug) throws IOException {
        GHTeam team;
        try {
            team = organization(organization).getTeamBySlug(slug);
        } catch (org.kohsuke.github.GHFileNotFoundException e) {
            return null;
        }
        return team == null ? null : team(team);
    }

    /** The organisation's members, and the profiles of those not in {@code known} (their profiles are not re-read). */
    MemberList members(String organization, Set<String> known) throws IOException {
        return members(organization(organization), known);
    }

    record MemberList(List<String> logins, Map<String, OrganizationSnapshot.Person> people) {
    }

    private MemberList members(GHOrganization org, Set<String> known) throws IOException {
        List<String> logins = new ArrayList<>();
        List<GHUser> unknown = new ArrayList<>();
        for (GHUser user : org.listMembers().withPageSize(PAGE_SIZE)) {
            logins.add(user.getLogin());
            if (!known.contains(user.getLogin())) {
                unknown.add(user);
            }
        }
        Map<String, OrganizationSnapshot.Person> people = new LinkedHashMap<>();
        for (int from = 0; from < unknown.size(); from += ProfileLookup.BATCH) {
            List<GHUser> batch = unknown.subList(from, Math.min(unknown.size(), from + ProfileLookup.BATCH));
            Map<String, ProfileLookup.Profile> profiles = profiles(batch.stream().map(GHUser::getLogin).toList());
            for (GHUser user : batch) {
                ProfileLookup.Profile profile = profiles.get(user.getLogin());
                // name and email are only on the user's own page: without GraphQL, one conditional GET each
                people.put(user.getLogin(), profile != null
                        ? new OrganizationSnapshot.Person(profile.name(), profile.email(), user.getAvatarUrl())
                        : new OrganizationSnapshot.Person(user.getName(), user.getEmail(), user.getAvatarUrl()));
            }
        }
        return new MemberList(logins, people);
    }

    /** Profiles of up to 100 users in one GraphQL query; none when GraphQL does not answer (REST then). */
    private Map<String, ProfileLookup.Profile> profiles(List<String> logins) {
        try {
            return ProfileLookup.answers(logins, graphql.query(ProfileLookup.query(logins.size()), ProfileLookup.variables(logins, json)));
        } catch (IOException e) {
            return Map.of();
        }
    }

    private OrganizationSnapshot.Team team(GHTeam team) throws IOException {
        List<String> members = new ArrayList<>();
        for (GHUser user : team.listMembers().withPageSize(PAGE_SIZE)) {
            members.add(user.getLogin());
        }
        return new OrganizationSnapshot.Team(team.getId(), team.getSlug(), team.getName(), team.getDescription(),
                parents.parentOf(providerId, team.getId()), members);
    }

    private GHOrganization organization(String organization) throws IOException {
        // github-api keeps organisations it fetched for the life of the client: ask again (a 304 when unchanged)
        github.refreshCache();
        return github.getOrganization(organization);
    }

    private static OrganizationSnapshot.Org profile(GHOrganization org) throws IOException {
        return new OrganizationSnapshot.Org(org.getLogin(), org.getName(), org.getEmail(), org.getAvatarUrl());
    }
}
