package io.catalog.graph.model;

import static io.catalog.graph.model.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class EntityRefTest {

    @Nested
    class Construction {

        @Test
        void lowerCasesAllThreeParts() {
            EntityRef ref = new EntityRef("Component", "My-Team", "Artist-Web");

            assertThat(ref.kind()).isEqualTo("component");
            assertThat(ref.namespace()).isEqualTo("my-team");
            assertThat(ref.name()).isEqualTo("artist-web");
        }

        @Test
        void lowerCasesIndependentlyOfTheDefaultLocale() {
            Locale previous = Locale.getDefault();
            Locale.setDefault(Locale.forLanguageTag("tr"));
            try {
                assertThat(new EntityRef("API", "INFRA", "TITLE").toString()).isEqualTo("api:infra/title");
            } finally {
                Locale.setDefault(previous);
            }
        }

        @Test
        void lowerCasesNonAsciiLetters() {
            assertThat(new EntityRef("Component", "default", "ÜBER-Ñ").name()).isEqualTo("über-ñ");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" ", "\t", "\n "})
        void rejectsAMissingOrBlankPart(String bad) {
            assertThatThrownBy(() -> new EntityRef(bad, "default", "a"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
            assertThatThrownBy(() -> new EntityRef("component", bad, "a"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
            assertThatThrownBy(() -> new EntityRef("component", "default", bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        }

        @Test
        void printsTheCanonicalForm() {
            assertThat(new EntityRef("Group", "Default", "Team-A")).hasToString("group:default/team-a");
        }

        @Test
        void refsThatDifferOnlyInCaseAreEqual() {
            assertThat(new EntityRef("Group", "Default", "Team-A")).isEqualTo(new EntityRef("group", "default", "team-a"));
        }
    }

    @Nested
    class Parse {

        @ParameterizedTest(name = "\"{0}\" reads as {1}")
        @CsvSource({
                "component:prod/artist-web, component:prod/artist-web",
                "Component:Prod/Artist-Web, component:prod/artist-web",
                "user:jdoe,                 user:default/jdoe",
                "prod/team-a,               group:prod/team-a",
                "team-a,                    group:default/team-a",
                "API:artist.api_v2,         api:default/artist.api_v2",
        })
        void readsAllOptionalParts(String text, String expected) {
            assertThat(EntityRef.parse(text, "Group", null)).hasToString(expected);
        }

        @Test
        void anExplicitKindWinsOverTheDefault() {
            assertThat(EntityRef.parse("user:jdoe", "Group", "default").kind()).isEqualTo("user");
        }

        @Test
        void anExplicitNamespaceWinsOverTheDefault() {
            assertThat(EntityRef.parse("other/a", "Group", "mine").namespace()).isEqualTo("other");
        }

        @Test
        void usesTheDefaultNamespaceWhenTheTextHasNone() {
            assertThat(EntityRef.parse("group:a", null, "mine").namespace()).isEqualTo("mine");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  "})
        void aMissingOrBlankDefaultNamespaceMeansDefault(String defaultNamespace) {
            assertThat(EntityRef.parse("group:a", null, defaultNamespace).namespace()).isEqualTo("default");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {" "})
        void aRefWithoutKindNeedsADefaultKind(String defaultKind) {
            assertThatThrownBy(() -> EntityRef.parse("prod/db", defaultKind, "default"))
                    .isInstanceOf(InvalidEntityRefException.class)
                    .hasMessageContaining("\"prod/db\"")
                    .hasMessageContaining("no kind");
        }

        @ParameterizedTest(name = "rejects \"{0}\"")
        @ValueSource(strings = {
                ":name", "kind:", "/name", "ns/", "kind:/name", "kind:ns/", ":/", "kind:ns/:x",
                "a:b:c", "a/b/c", "ns/a:b", "kind: /name", "kind:ns/ ", " :name"
        })
        void rejectsTextNotOnTheRefForm(String text) {
            assertThatThrownBy(() -> EntityRef.parse(text, "Group", "default"))
                    .isInstanceOf(InvalidEntityRefException.class)
                    .hasMessageContaining(text);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "\t"})
        void rejectsNullAndBlankText(String text) {
            assertThatThrownBy(() -> EntityRef.parse(text, "Group", "default"))
                    .isInstanceOf(InvalidEntityRefException.class)
                    .hasMessageContaining("must not be");
        }

        @Test
        void itsExceptionIsAnIllegalArgumentException() {
            assertThatThrownBy(() -> EntityRef.parse("a:b:c", "Group", null))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void keepsCharactersThatAreNotSeparatorsInTheName() {
            assertThat(EntityRef.parse("component:default/my.app_v2-ü", null, null).name())
                    .isEqualTo("my.app_v2-ü");
        }
    }

    @Nested
    class OfEntity {

        @Test
        void takesKindNamespaceAndName() {
            var entity = yaml("""
                    kind: Component
                    metadata: {name: Artist-Web, namespace: Prod}
                    """);

            assertThat(EntityRef.of(entity)).isEqualTo(new EntityRef("component", "prod", "artist-web"));
        }

        @Test
        void defaultsTheNamespace() {
            assertThat(EntityRef.of(yaml("{kind: Group, metadata: {name: a}}"))).hasToString("group:default/a");
        }

        @Test
        void aNullNamespaceMeansDefault() {
            assertThat(EntityRef.of(yaml("{kind: Group, metadata: {name: a, namespace: null}}")))
                    .hasToString("group:default/a");
        }

        @ParameterizedTest(name = "rejects {0}")
        @ValueSource(strings = {
                "{metadata: {name: a}}",
                "{kind: 7, metadata: {name: a}}",
                "{kind: '', metadata: {name: a}}",
                "{kind: Group}",
                "{kind: Group, metadata: []}",
                "{kind: Group, metadata: {}}",
                "{kind: Group, metadata: {name: 7}}",
                "{kind: Group, metadata: {name: ' '}}",
                "{kind: Group, metadata: {name: a, namespace: 7}}",
                "{kind: Group, metadata: {name: a, namespace: ''}}",
        })
        void rejectsAnEntityWithoutAUsableKindOrName(String entity) {
            assertThatThrownBy(() -> EntityRef.of(yaml(entity))).isInstanceOf(InvalidEntityRefException.class);
        }

        @Test
        void rejectsSomethingThatIsNoEntity() {
            assertThatThrownBy(() -> EntityRef.of(null)).isInstanceOf(InvalidEntityRefException.class);
            assertThatThrownBy(() -> EntityRef.of(JsonNodeFactory.instance.arrayNode()))
                    .isInstanceOf(InvalidEntityRefException.class)
                    .hasMessageContaining("an array");
        }

        @Test
        void agreesWithParsingItsOwnString() {
            var ref = EntityRef.of(yaml("{kind: API, metadata: {name: Artist-API, namespace: music}}"));

            assertThat(EntityRef.parse(ref.toString(), null, null)).isEqualTo(ref);
        }
    }
}
