package io.catalog.graph.github;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizationSnapshotTest {

    private static OrganizationSnapshot.Team team(String slug, String parent, String... members) {
        return new OrganizationSnapshot.Team(slug.hashCode(), slug, slug, null, parent, List.of(members));
    }

    private final OrganizationSnapshot snapshot = new OrganizationSnapshot(new OrganizationSnapshot.Org("acme", null, null, null),
            List.of(team("platform", null, "ann"), team("infra", "platform", "ann"), team("db", "infra")),
            List.of("ann", "bob"), Map.of("ann", new OrganizationSnapshot.Person("Ann", null, null),
            "bob", new OrganizationSnapshot.Person("Bob", null, null)));

    @Test
    void aDeletedTeamsChildrenMoveUpToItsParent() {
        OrganizationSnapshot next = snapshot.withoutTeam("infra");

        assertThat(next.team("infra")).isEmpty();
        assertThat(next.team("db").orElseThrow().parent()).isEqualTo("platform");
    }

    @Test
    void aChangedTeamReplacesTheOneOfTheSameSlug() {
        OrganizationSnapshot next = snapshot.withTeam(team("infra", null, "bob"));

        assertThat(next.teams()).hasSize(3);
        assertThat(next.team("infra").orElseThrow().members()).containsExactly("bob");
    }

    @Test
    void aRenamedTeamReplacesTheOneOfTheSameIdAndItsChildTeamsFollowItsNewSlug() {
        OrganizationSnapshot.Team infra = snapshot.team("infra").orElseThrow();

        OrganizationSnapshot next = snapshot.withTeam(new OrganizationSnapshot.Team(infra.id(), "infrastructure", "Infrastructure", null,
                "platform", List.of("ann")));

        assertThat(next.teams()).extracting(OrganizationSnapshot.Team::slug).containsExactly("db", "infrastructure", "platform");
        assertThat(next.team("db").orElseThrow().parent()).isEqualTo("infrastructure");
    }

    @Test
    void newMembersBringTheirProfilesAndThoseWhoLeftTakeTheirsAlong() {
        OrganizationSnapshot next = snapshot.withMembers(List.of("ann", "carol"), Map.of("carol", new OrganizationSnapshot.Person("Carol", null, null)));

        assertThat(next.members()).containsExactly("ann", "carol");
        assertThat(next.people()).containsOnlyKeys("ann", "carol");
        assertThat(next.people().get("ann").name()).as("kept, not re-read").isEqualTo("Ann");
    }

    @Test
    void theLineageOfATeamGoesUpToTheTop() {
        assertThat(snapshot.lineage("db")).extracting(OrganizationSnapshot.Team::slug).containsExactly("db", "infra", "platform");
        assertThat(snapshot.lineage("nope")).isEmpty();
    }
}
