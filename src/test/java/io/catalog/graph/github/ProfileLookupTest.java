package io.catalog.graph.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Users' names and emails as GitHub's GraphQL gives them. */
class ProfileLookupTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void asksForEachUserThroughAVariable() {
        assertThat(ProfileLookup.query(2)).isEqualTo("query($l0: String!, $l1: String!) {"
                + " u0: user(login: $l0) { login name email } u1: user(login: $l1) { login name email } }");
        assertThat(ProfileLookup.variables(List.of("ann", "bob"), JSON).toString()).isEqualTo("{\"l0\":\"ann\",\"l1\":\"bob\"}");
    }

    @Test
    void anUnsetNameAndAPrivateEmailAreNoneAndAnUnknownUserIsLeftToRest() throws Exception {
        Map<String, ProfileLookup.Profile> profiles = ProfileLookup.answers(List.of("ann", "bob", "gone"), JSON.readTree("""
                {"data": {"u0": {"login": "ann", "name": "Ann A.", "email": "ann@example.com"},
                          "u1": {"login": "bob", "name": null, "email": ""},
                          "u2": null},
                 "errors": [{"type": "NOT_FOUND", "path": ["u2"], "message": "Could not resolve to a User with the login of 'gone'."}]}
                """));
        assertThat(profiles).containsOnlyKeys("ann", "bob");
        assertThat(profiles.get("ann")).isEqualTo(new ProfileLookup.Profile("Ann A.", "ann@example.com"));
        assertThat(profiles.get("bob")).isEqualTo(new ProfileLookup.Profile(null, null));
    }
}
