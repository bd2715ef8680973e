package io.catalog.graph.model;

import static io.catalog.graph.model.TestEntities.component;
import static io.catalog.graph.model.TestEntities.json;
import static io.catalog.graph.model.TestEntities.problems;
import static io.catalog.graph.model.TestEntities.set;
import static io.catalog.graph.model.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkValidationTest {

    static ObjectNode withLink(String field, Object value) {
        ObjectNode link = JsonNodeFactory.instance.objectNode().put("url", "https://example.com");
        if (value instanceof String s) {
            link.put(field, s);
        } else {
            link.set(field, (com.fasterxml.jackson.databind.JsonNode) value);
        }
        return set(component(), "metadata.links", JsonNodeFactory.instance.arrayNode().add(link));
    }

    @Test
    void acceptsAFullyDescribedLink() {
        var entity = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: artist-web
                  links:
                    - url: https://admin.example-org.com
                      title: Admin Dashboard
                      icon: dashboard
                      type: admin-dashboard
                    - url: mailto:artists@example.com
                spec: {type: website, lifecycle: production, owner: artist-relations}
                """);

        assertThat(problems(entity)).isEmpty();
    }

    @Test
    void acceptsAnEmptyList() {
        assertThat(problems(set(component(), "metadata.links", json("[]")))).isEmpty();
    }

    @Nested
    class Url {

        @ParameterizedTest(name = "accepts \"{0}\"")
        @ValueSource(strings = {
                "https://example.com", "http://foo", "http://localhost:3000/x?y=1#z", "https://[::1]:8080/",
                "https://user:pw@example.com/a b", "https://bücher.example/", "ftp://files.example.com",
                "mailto:team@example.com", "urn:isbn:0451450523", "file:///etc/hosts", "https://example.com:65535",
                " https://example.com ", "HTTPS://EXAMPLE.COM"
        })
        void acceptsAbsoluteUrls(String url) {
            assertThat(problems(withLink("url", url))).isEmpty();
        }

        @ParameterizedTest(name = "rejects \"{0}\"")
        @ValueSource(strings = {
                "", " ", "invalid", "example.com", "/relative/path", "./docs", "//example.com", "http://",
                "https://", "https://exa mple.com", "https://example.com:99999", "https://example.com:80a",
                "https://[::1", "https://exa<mple.com", "1http://example.com", "://example.com"
        })
        void rejectsAnythingElse(String url) {
            assertThat(problems(withLink("url", url)))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.links.0.url");
                        assertThat(p.message()).contains("is not a valid absolute URL", Json.quote(url));
                    });
        }

        @Test
        void isRequired() {
            assertThat(problems(set(component(), "metadata.links", json("[{\"title\": \"Docs\"}]"))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.links.0.url");
                        assertThat(p.message()).contains("required");
                    });
        }

        @ParameterizedTest(name = "rejects {0}")
        @ValueSource(strings = {"null", "7", "true", "[]", "{}"})
        void mustBeAString(String jsonValue) {
            assertThat(problems(withLink("url", json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> assertThat(p.path()).isEqualTo("metadata.links.0.url"));
        }

        @Test
        void reportsTheIndexOfTheBadLink() {
            var links = json("[{\"url\": \"http://good\"}, {\"url\": \"\"}, {\"url\": \"https://fine\"}]");

            assertThat(problems(set(component(), "metadata.links", links)))
                    .extracting(Problem::path)
                    .containsExactly("metadata.links.1.url");
        }
    }

    @Nested
    class TitleIconAndType {

        @ParameterizedTest(name = "title \"{0}\"")
        @ValueSource(strings = {"Docs", "Admin Dashboard", "✨ Ünïcode", " padded "})
        void acceptsNonBlankTitles(String title) {
            assertThat(problems(withLink("title", title))).isEmpty();
        }

        @ParameterizedTest(name = "icon \"{0}\"")
        @ValueSource(strings = {"dashboard", "admin-dashboard", "foo_dashboard", "Docs", "a.b"})
        void acceptsIconsThatAreObjectNames(String icon) {
            assertThat(problems(withLink("icon", icon))).isEmpty();
        }

        @ParameterizedTest(name = "type \"{0}\"")
        @ValueSource(strings = {"admin-dashboard", "Runbook", "any text at all"})
        void acceptsNonBlankTypes(String type) {
            assertThat(problems(withLink("type", type))).isEmpty();
        }

        @ParameterizedTest(name = "{0} = \"\"")
        @ValueSource(strings = {"title", "icon", "type"})
        void rejectsEmptyStrings(String field) {
            assertThat(problems(withLink(field, "")))
                    .singleElement()
                    .satisfies(p -> assertThat(p.path()).isEqualTo("metadata.links.0." + field));
        }

        @ParameterizedTest(name = "{0} = \"   \"")
        @ValueSource(strings = {"title", "icon", "type"})
        void rejectsWhitespace(String field) {
            assertThat(problems(withLink(field, "   ")))
                    .singleElement()
                    .satisfies(p -> assertThat(p.path()).isEqualTo("metadata.links.0." + field));
        }

        @ParameterizedTest(name = "icon \"{0}\"")
        @ValueSource(strings = {"abc xyz", "-dash", "dash-", "ic/on", "ü"})
        void acceptsIconsThatAreAnyText(String icon) {
            // Backstage 4.0 takes any non-empty string as an icon name
            assertThat(problems(withLink("icon", icon))).isEmpty();
        }

        @ParameterizedTest(name = "{0} = 123")
        @ValueSource(strings = {"title", "icon", "type"})
        void rejectsNumbers(String field) {
            assertThat(problems(withLink(field, json("123"))))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("the number 123"));
        }

        @ParameterizedTest(name = "{0} = null")
        @ValueSource(strings = {"title", "icon", "type"})
        void rejectsNull(String field) {
            assertThat(problems(withLink(field, json("null"))))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("null"));
        }
    }

    @Nested
    class Shape {

        @ParameterizedTest(name = "links = {0}")
        @ValueSource(strings = {"{\"url\": \"https://x\"}", "\"https://x\"", "7", "null"})
        void linksMustBeAnArray(String jsonValue) {
            assertThat(problems(set(component(), "metadata.links", json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.links");
                        assertThat(p.message()).contains("must be an array");
                    });
        }

        @ParameterizedTest(name = "item {0}")
        @ValueSource(strings = {"\"https://x\"", "7", "null", "[]"})
        void eachLinkMustBeAnObject(String jsonValue) {
            assertThat(problems(set(component(), "metadata.links", json("[" + jsonValue + "]"))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.links.0");
                        assertThat(p.message()).contains("must be an object");
                    });
        }

        @Test
        void unknownLinkFieldsAreAllowed() {
            assertThat(problems(withLink("target", "_blank"))).isEmpty();
        }
    }
}
