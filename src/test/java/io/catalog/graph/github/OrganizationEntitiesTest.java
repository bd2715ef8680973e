package io.catalog.graph.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.EntityValidator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class OrganizationEntitiesTest {

    private static final GitHubUrls URLS = new GitHubUrls("https://github.com");

    private static OrganizationSnapshot.Team team(String slug, String parent, String... members) {
        return new OrganizationSnapshot.Team(slug.hashCode(), slug, "Team " + slug, "about " + slug, parent, List.of(members));
    }

    private static OrganizationSnapshot acme(List<OrganizationSnapshot.Team> teams, List<String> members) {
        return new OrganizationSnapshot(new OrganizationSnapshot.Org("acme", "ACME Inc.", "hi@acme.example", "https://avatars/acme"),
                teams, members, Map.of("ann", new OrganizationSnapshot.Person("Ann Example", "ann@acme.example", "https://avatars/ann"),
                "bob", new OrganizationSnapshot.Person(null, null, "https://avatars/bob")));
    }

    private static ObjectNode entity(OrganizationEntities.Generated generated, String kind, String name) {
        return generated.entities().stream().filter(e -> e.path("kind").asText().equals(kind) && e.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " not generated"));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void theOrganisationIsAGroupOfTypeOrganizationParentOfTheTopTeams() {
        var generated = OrganizationEntities.of(acme(List.of(team("platform", null), team("infra", "platform"), team("web", null)), List.of()), URLS);

        ObjectNode org = entity(generated, "Group", "acme");
        assertThat(org.path("spec").path("type").asText()).isEqualTo("organization");
        assertThat(org.path("spec").path("profile").path("displayName").asText()).isEqualTo("ACME Inc.");
        assertThat(org.path("spec").path("profile").path("picture").asText()).isEqualTo("https://avatars/acme");
        assertThat(strings(org.path("spec").path("children"))).containsExactly("platform", "web");
        assertThat(org.path("spec").has("parent")).isFalse();
    }

    @Test
    void teamsAreGroupsWithTheirParentChildrenAndProfile() {
        var generated = OrganizationEntities.of(acme(List.of(team("platform", null), team("infra", "platform"), team("db", "infra")), List.of()), URLS);

        ObjectNode platform = entity(generated, "Group", "platform");
        assertThat(platform.path("spec").path("type").asText()).isEqualTo("team");
        assertThat(platform.path("spec").path("parent").asText()).isEqualTo("acme");
        assertThat(strings(platform.path("spec").path("children"))).containsExactly("infra");
        assertThat(platform.path("spec").path("profile").path("displayName").asText()).isEqualTo("Team platform");
        assertThat(platform.path("metadata").path("description").asText()).isEqualTo("about platform");
        assertThat(platform.path("metadata").path("annotations").path("github.com/team-slug").asText()).isEqualTo("acme/platform");
        assertThat(platform.path("metadata").path("annotations").path("backstage.io/edit-url").asText())
                .isEqualTo("https://github.com/orgs/acme/teams/platform/edit");
        ObjectNode db = entity(generated, "Group", "db");
        assertThat(db.path("spec").path("parent").asText()).isEqualTo("infra");
        assertThat(db.path("spec").path("children").isArray()).isTrue();
        assertThat(db.path("spec").path("children")).isEmpty();
    }

    @Test
    void membersAreUsersWithProfileAndTheTeamsTheyBelongToDirectly() {
        // GitHub lists ann (in infra) under platform too: she is a member of infra only; bob is in platform itself
        var generated = OrganizationEntities.of(acme(List.of(team("platform", null, "ann", "bob"), team("infra", "platform", "ann")),
                List.of("ann", "bob", "carol")), URLS);

        ObjectNode ann = entity(generated, "User", "ann");
        assertThat(strings(ann.path("spec").path("memberOf"))).containsExactly("infra");
        assertThat(ann.path("spec").path("profile").path("displayName").asText()).isEqualTo("Ann Example");
        assertThat(ann.path("spec").path("profile").path("email").asText()).isEqualTo("ann@acme.example");
        assertThat(ann.path("spec").path("profile").path("picture").asText()).isEqualTo("https://avatars/ann");
        assertThat(ann.path("metadata").path("annotations").path("github.com/user-login").asText()).isEqualTo("ann");
        ObjectNode bob = entity(generated, "User", "bob");
        assertThat(strings(bob.path("spec").path("memberOf"))).containsExactly("platform");
        assertThat(bob.path("spec").path("profile").has("displayName")).as("no name on GitHub: none in the catalog").isFalse();
        assertThat(bob.path("spec").path("profile").has("email")).isFalse();
        ObjectNode carol = entity(generated, "User", "carol");
        assertThat(carol.path("spec").path("memberOf")).isEmpty();
        assertThat(carol.path("spec").path("profile")).isEmpty();
    }

    @Test
    void aTeamMemberWhoLeftTheOrganisationIsNoUser() {
        var generated = OrganizationEntities.of(acme(List.of(team("platform", null, "ann", "gone")), List.of("ann")), URLS);

        assertThat(generated.count("User")).isEqualTo(1);
    }

    @Test
    void everyGeneratedEntityPassesTheCatalogsValidation() {
        var generated = OrganizationEntities.of(acme(List.of(team("platform", null, "ann"), team("infra", "platform", "bob")),
                List.of("ann", "bob", "user_emu")), URLS);

        EntityValidator validator = new EntityValidator();
        generated.entities().forEach(e -> assertThat(validator.validate(e)).as(e.toString()).isEmpty());
        assertThat(generated.skipped()).isEmpty();
    }

    @Test
    void aNameTheCatalogWouldRefuseIsLeftOutAndSaidSoWithoutHoldingBackTheOthers() {
        String tooLong = "t".repeat(64);
        var generated = OrganizationEntities.of(acme(List.of(team(tooLong, null, "ann"), team("child", tooLong, "ann"), team("acme", null)),
                List.of("ann", "-odd")), URLS);

        assertThat(generated.skipped()).hasSize(3).anySatisfy(s -> assertThat(s).startsWith("team " + tooLong))
                .anySatisfy(s -> assertThat(s).startsWith("team acme: its slug is the organisation's name"))
                .anySatisfy(s -> assertThat(s).startsWith("user -odd"));
        assertThat(entity(generated, "Group", "child").path("spec").path("parent").asText())
                .as("a team whose parent is left out hangs under the organisation").isEqualTo("acme");
        assertThat(strings(entity(generated, "User", "ann").path("spec").path("memberOf"))).containsExactly("child");
        assertThat(generated.count("Group")).isEqualTo(2);
    }

    @Test
    void theDescriptorIsStableForTheSameSnapshot() {
        var one = OrganizationEntities.of(acme(List.of(team("b", null, "bob"), team("a", null, "ann")), List.of("bob", "ann")), URLS);
        var two = OrganizationEntities.of(acme(List.of(team("a", null, "ann"), team("b", null, "bob")), List.of("ann", "bob")), URLS);

        assertThat(new String(one.descriptor())).isEqualTo(new String(two.descriptor())).startsWith("---\n{\"apiVersion\"");
    }
}
