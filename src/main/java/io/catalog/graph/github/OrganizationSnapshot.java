package io.catalog.graph.github;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one complete read of a GitHub organisation found: its profile, its teams (each with its parent and every
 * member GitHub lists for it), its members and their profiles. Stored as JSON after a complete read; the organisation's
 * Group and User entities are generated from it ({@link OrganizationEntities}). Values only: the changes a webhook
 * names are applied with the {@code with...} methods, which return a new snapshot.
 *
 * @param members the organisation's member logins
 * @param people  profile per member login (a member whose profile could not be read has none)
 */
public record OrganizationSnapshot(Org org, List<Team> teams, List<String> members, Map<String, Person> people) {

    /** The organisation's own profile. */
    public record Org(String login, String name, String email, String avatarUrl) {
    }

    /**
     * @param parent  the parent team's slug, or null for a team at the top of the organisation
     * @param members every login GitHub lists for the team, which includes the members of its child teams
     */
    public record Team(long id, String slug, String name, String description, String parent, List<String> members) {
        public Team {
            members = sorted(members);
        }
    }

    /** A member's public profile, as {@code GET /users/{login}} shows it; any field may be null. */
    public record Person(String name, String email, String avatarUrl) {
    }

    public OrganizationSnapshot {
        teams = teams.stream().sorted(Comparator.comparing(Team::slug)).toList();
        members = sorted(members);
        people = new TreeMap<>(people);
    }

    public Optional<Team> team(String slug) {
        return teams.stream().filter(t -> t.slug().equalsIgnoreCase(slug)).findFirst();
    }

    /**
     * This snapshot with {@code team} added, or replacing the team of the same GitHub id or slug. Renaming a team on
     * GitHub changes its slug and keeps its id: the team under its old slug goes, and its child teams name the new
     * slug as their parent (a parent's members are direct or not by its children, so memberships follow too).
     */
    public OrganizationSnapshot withTeam(Team team) {
        List<Team> replaced = teams.stream().filter(t -> sameTeam(t, team)).toList();
        List<Team> next = new ArrayList<>();
        for (Team t : teams) {
            if (replaced.contains(t)) {
                continue;
            }
            boolean orphaned = t.parent() != null && replaced.stream().anyMatch(r -> r.slug().equalsIgnoreCase(t.parent()));
            next.add(orphaned ? new Team(t.id(), t.slug(), t.name(), t.description(), team.slug(), t.members()) : t);
        }
        next.add(team);
        return new OrganizationSnapshot(org, next, members, people);
    }

    private static boolean sameTeam(Team stored, Team read) {
        return stored.id() == read.id() || stored.slug().equalsIgnoreCase(read.slug());
    }

    /** This snapshot without the team; its child teams move up to its parent, as GitHub moves them. */
    public OrganizationSnapshot withoutTeam(String slug) {
        Optional<Team> gone = team(slug);
        if (gone.isEmpty()) {
            return this;
        }
        String parent = gone.get().parent();
        List<Team> next = teams.stream().filter(t -> t != gone.get())
                .map(t -> t.parent() != null && t.parent().equalsIgnoreCase(slug)
                        ? new Team(t.id(), t.slug(), t.name(), t.description(), parent, t.members()) : t).toList();
        return new OrganizationSnapshot(org, next, members, people);
    }

    /** This snapshot with a new member list and the profiles read for it; profiles of those who left are dropped. */
    public OrganizationSnapshot withMembers(List<String> logins, Map<String, Person> read) {
        Map<String, Person> next = new LinkedHashMap<>();
        for (String login : logins) {
            Person person = read.containsKey(login) ? read.get(login) : people.get(login);
            if (person != null) {
                next.put(login, person);
            }
        }
        return new OrganizationSnapshot(org, teams, logins, next);
    }

    /** The teams from {@code slug} up to the top of the organisation (a parent lists its children's members too). */
    public List<Team> lineage(String slug) {
        List<Team> out = new ArrayList<>();
        Optional<Team> at = team(slug);
        while (at.isPresent() && out.size() <= teams.size() && !out.contains(at.get())) {
            out.add(at.get());
            at = at.get().parent() == null ? Optional.empty() : team(at.get().parent());
        }
        return out;
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted(Comparator.comparing((String v) -> v.toLowerCase(Locale.ROOT))).distinct().toList();
    }
}
