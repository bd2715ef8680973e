package io.catalog.graph.ingest;

import io.catalog.graph.model.LocationSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaceholderResolverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DescriptorParser YAML = new DescriptorParser(1_000_000, 100, 64, 50, 2_000_000);
    private static final LocationReader READER = new LocationReader(HttpClient.newHttpClient());

    private final PlaceholderResolver resolver = new PlaceholderResolver(JSON, YAML, 20);

    /** What the resolver asked for, in order. */
    private final List<LocationSpec> fetched = new ArrayList<>();

    private PlaceholderResolver.Fetcher fetcher(ReadPolicy policy) {
        return target -> {
            fetched.add(target);
            return READER.read(target, policy, null).content();
        };
    }

    private static JsonNode descriptor(String yaml) throws DescriptorParseException {
        return YAML.parse(yaml.getBytes(StandardCharsets.UTF_8)).get(0).node();
    }

    @Nested
    class RelativeToAFile {

        @TempDir
        Path root;

        private LocationSpec location;
        private ReadPolicy policy;

        @BeforeEach
        void setUp() throws IOException {
            Path system = Files.createDirectories(root.resolve("systems/orders"));
            Files.createDirectories(root.resolve("shared"));
            Files.createDirectories(system.resolve("docs"));
            location = new LocationSpec("file", system.resolve("catalog-info.yaml").toString());
            policy = new ReadPolicy(Set.of(), List.of(root), 100_000, Duration.ofSeconds(5));
        }

        private JsonNode resolve(String yaml) throws Exception {
            return resolver.resolve(descriptor(yaml), location, fetcher(policy), YAML.newBudget());
        }

        private PlaceholderResolver.PlaceholderException failure(String yaml) {
            return catchThrowableOfType(PlaceholderResolver.PlaceholderException.class, () -> resolve(yaml));
        }

        @Test
        void textJsonAndYamlAreReplacedByTheContentOfTheFileBesideTheDescriptor() throws Exception {
            Files.writeString(root.resolve("systems/orders/docs/README.md"), "# Orders\nTakes orders.\n");
            Files.writeString(root.resolve("systems/orders/schema.json"), "{\"type\": \"object\", \"required\": [\"id\"]}");
            Files.writeString(root.resolve("shared/openapi.yaml"), "openapi: 3.0.0\ninfo:\n  title: Orders\n");

            JsonNode entity = resolve("""
                    kind: API
                    metadata:
                      name: orders
                      description:
                        $text: ./docs/README.md
                    spec:
                      schema:
                        $json: schema.json
                      definition:
                        $yaml: ../../shared/openapi.yaml
                    """);

            assertThat(entity.at("/metadata/description").asText()).isEqualTo("# Orders\nTakes orders.\n");
            assertThat(entity.at("/spec/schema/required/0").asText()).isEqualTo("id");
            assertThat(entity.at("/spec/definition/info/title").asText()).isEqualTo("Orders");
            assertThat(entity.at("/metadata/name").asText()).isEqualTo("orders");
            assertThat(fetched).extracting(LocationSpec::target).containsExactly(
                    root.resolve("systems/orders/docs/README.md").toString(),
                    root.resolve("systems/orders/schema.json").toString(),
                    root.resolve("shared/openapi.yaml").toString());
        }

        @Test
        void placeholdersInsideArraysAreReplacedToo() throws Exception {
            Files.writeString(root.resolve("systems/orders/a.txt"), "first");
            Files.writeString(root.resolve("systems/orders/b.txt"), "second");

            JsonNode entity = resolve("""
                    spec:
                      items:
                        - plain
                        - $text: ./a.txt
                        - nested:
                            $text: ./b.txt
                    """);

            assertThat(entity.at("/spec/items/0").asText()).isEqualTo("plain");
            assertThat(entity.at("/spec/items/1").asText()).isEqualTo("first");
            assertThat(entity.at("/spec/items/2/nested").asText()).isEqualTo("second");
        }

        @Test
        void aMappingWithMoreThanOneKeyIsNotAPlaceholder() throws Exception {
            JsonNode entity = resolve("""
                    spec:
                      definition:
                        $text: ./missing.txt
                        other: value
                    """);

            assertThat(entity.at("/spec/definition/$text").asText()).isEqualTo("./missing.txt");
            assertThat(fetched).isEmpty();
        }

        @Test
        void anUnknownPlaceholderIsAnErrorNamingTheFieldAndThePlaceholder() {
            PlaceholderResolver.PlaceholderException error = failure("""
                    spec:
                      definition:
                        $include: ./openapi.yaml
                    """);

            assertThat(error).isNotNull();
            assertThat(error.path()).isEqualTo("spec.definition");
            assertThat(error.getMessage()).contains("unknown placeholder $include");
            assertThat(fetched).isEmpty();
        }

        @Test
        void thePathOfAFailingPlaceholderInAnArrayNamesTheElement() {
            PlaceholderResolver.PlaceholderException error = failure("""
                    spec:
                      items:
                        - plain
                        - $unknown: x
                    """);

            assertThat(error).isNotNull();
            assertThat(error.path()).isEqualTo("spec.items[1]");
        }

        @Test
        void aTargetThatIsNotAStringIsAnError() {
            PlaceholderResolver.PlaceholderException number = failure("""
                    spec:
                      definition:
                        $text: 42
                    """);
            PlaceholderResolver.PlaceholderException mapping = failure("""
                    spec:
                      definition:
                        $json:
                          path: ./schema.json
                    """);
            PlaceholderResolver.PlaceholderException empty = failure("""
                    spec:
                      definition:
                        $yaml: ""
                    """);

            for (PlaceholderResolver.PlaceholderException error : List.of(number, mapping, empty)) {
                assertThat(error).isNotNull();
                assertThat(error.path()).isEqualTo("spec.definition");
                assertThat(error.getMessage()).contains("needs a non-empty string target");
            }
            assertThat(fetched).isEmpty();
        }

        @Test
        void anUnreadableTargetIsAnErrorSayingWhy() {
            PlaceholderResolver.PlaceholderException error = failure("""
                    spec:
                      definition:
                        $text: ./missing.txt
                    """);

            assertThat(error).isNotNull();
            assertThat(error.path()).isEqualTo("spec.definition");
            assertThat(error.getMessage())
                    .contains("could not be read")
                    .contains(root.resolve("systems/orders/missing.txt").toString())
                    .contains("does not exist");
        }

        @Test
        void aTargetOutsideTheReadableFoldersIsRefused() throws Exception {
            Path outside = Files.writeString(root.resolveSibling(root.getFileName() + "-secret.txt"), "password");
            try {
                PlaceholderResolver.PlaceholderException error = failure("""
                        spec:
                          definition:
                            $text: ../../../%s
                        """.formatted(outside.getFileName()));

                assertThat(error).isNotNull();
                assertThat(error.getMessage()).contains("outside the folders");
            } finally {
                Files.delete(outside);
            }
        }

        @Test
        void yamlWithMoreThanOneDocumentIsAnError() throws Exception {
            Files.writeString(root.resolve("systems/orders/two.yaml"), "a: 1\n---\nb: 2\n");

            PlaceholderResolver.PlaceholderException error = failure("""
                    spec:
                      definition:
                        $yaml: ./two.yaml
                    """);

            assertThat(error).isNotNull();
            assertThat(error.path()).isEqualTo("spec.definition");
            assertThat(error.getMessage()).contains("expected one YAML document, found 2");
        }

        @Test
        void contentThatDoesNotParseIsAnErrorNamingTheTarget() throws Exception {
            Files.writeString(root.resolve("systems/orders/broken.json"), "{\"type\": ");
            Files.writeString(root.resolve("systems/orders/broken.yaml"), "a: [1, 2\nb: 3\n");

            PlaceholderResolver.PlaceholderException json = failure("""
                    spec:
                      definition:
                        $json: ./broken.json
                    """);
            PlaceholderResolver.PlaceholderException yaml = failure("""
                    spec:
                      definition:
                        $yaml: ./broken.yaml
                    """);

            assertThat(json).isNotNull();
            assertThat(json.getMessage()).contains("could not be parsed").contains("broken.json");
            assertThat(yaml).isNotNull();
            assertThat(yaml.getMessage()).contains("could not be parsed").contains("broken.yaml");
        }

        @Test
        void moreThanMaxPlaceholdersInOneDocumentIsAnErrorNamingTheLimit() throws Exception {
            Files.writeString(root.resolve("systems/orders/a.txt"), "a");
            PlaceholderResolver twoPerDocument = new PlaceholderResolver(JSON, YAML, 2);
            String two = """
                    metadata:
                      description: {$text: ./a.txt}
                      title: {$text: ./a.txt}
                    """;

            ExpansionBudget budget = YAML.newBudget();
            twoPerDocument.resolve(descriptor(two), location, fetcher(policy), budget);
            twoPerDocument.resolve(descriptor(two), location, fetcher(policy), budget);
            PlaceholderResolver.PlaceholderException error = catchThrowableOfType(PlaceholderResolver.PlaceholderException.class,
                    () -> twoPerDocument.resolve(descriptor(two + "spec: {notes: {$text: ./a.txt}}\n"), location, fetcher(policy),
                            YAML.newBudget()));

            assertThat(error).isNotNull();
            assertThat(error.path()).isEqualTo("spec.notes");
            assertThat(error.getMessage()).contains("more than 2 placeholders").contains("catalog.limits.max-placeholders-per-document");
            assertThat(fetched).hasSize(6);
        }

        @Test
        void yamlContentExpandsWithinTheBudgetOfTheLocationNotAFreshOne() throws Exception {
            // 10 KB aliased 40 times: 410 KB, fine for a file of its own, too much for what is left of this location
            Files.writeString(root.resolve("systems/orders/openapi.yaml"),
                    "big: &big " + "x".repeat(10_000) + "\nmany: [" + String.join(", ", Collections.nCopies(40, "*big")) + "]\n");
            ExpansionBudget budget = new ExpansionBudget(300_000);

            PlaceholderResolver.PlaceholderException error = catchThrowableOfType(PlaceholderResolver.PlaceholderException.class,
                    () -> resolver.resolve(descriptor("spec: {definition: {$yaml: ./openapi.yaml}}\n"), location, fetcher(policy), budget));

            assertThat(error).isNotNull();
            assertThat(error.path()).isEqualTo("spec.definition");
            assertThat(error.getMessage()).contains("openapi.yaml").contains("catalog.limits.max-expanded-bytes");
        }

        @Test
        void contentUsedAgainAndAgainSpendsTheLocationsBudgetEachTime() throws Exception {
            Files.writeString(root.resolve("systems/orders/README.md"), "r".repeat(10_000));
            Files.writeString(root.resolve("systems/orders/schema.json"), "[\"" + "j".repeat(10_000) + "\"]");
            ExpansionBudget budget = new ExpansionBudget(45_000);
            String text = "metadata: {description: {$text: ./README.md}}\n";
            String json = "spec: {schema: {$json: ./schema.json}}\n";

            resolver.resolve(descriptor(text), location, fetcher(policy), budget);
            resolver.resolve(descriptor(json), location, fetcher(policy), budget);
            resolver.resolve(descriptor(text), location, fetcher(policy), budget);
            resolver.resolve(descriptor(json), location, fetcher(policy), budget);
            PlaceholderResolver.PlaceholderException error = catchThrowableOfType(PlaceholderResolver.PlaceholderException.class,
                    () -> resolver.resolve(descriptor(text), location, fetcher(policy), budget));

            assertThat(error).isNotNull();
            assertThat(error.path()).isEqualTo("metadata.description");
            assertThat(error.getMessage()).contains("README.md").contains("catalog.limits.max-expanded-bytes");
        }

        @Test
        void textIsReadAsUtf8() throws Exception {
            Files.writeString(root.resolve("systems/orders/note.txt"), "Größe: 5 €", StandardCharsets.UTF_8);

            JsonNode entity = resolve("""
                    metadata:
                      description:
                        $text: note.txt
                    """);

            assertThat(entity.at("/metadata/description").asText()).isEqualTo("Größe: 5 €");
        }
    }

    @Nested
    class RelativeToAUrl {

        private LocalHttpServer server;
        private ReadPolicy policy;

        @BeforeEach
        void start() throws IOException {
            server = LocalHttpServer.start();
            policy = new ReadPolicy(Set.of("127.0.0.1"), List.of(), 100_000, Duration.ofSeconds(5));
        }

        @AfterEach
        void stop() {
            server.close();
        }

        @Test
        void targetsAreFetchedFromBesideTheDescriptorsUrl() throws Exception {
            server.serve("/repo/systems/orders/README.md", "Orders service")
                    .serve("/repo/systems/orders/openapi.json", "{\"openapi\": \"3.0.0\"}")
                    .serve("/repo/shared/asyncapi.yaml", "asyncapi: 2.6.0\n");
            LocationSpec location = new LocationSpec("url", server.url("/repo/systems/orders/catalog-info.yaml"));

            JsonNode entity = resolver.resolve(descriptor("""
                    metadata:
                      description:
                        $text: ./README.md
                    spec:
                      definition:
                        $json: openapi.json
                      events:
                        $yaml: ../../shared/asyncapi.yaml
                    """), location, fetcher(policy), YAML.newBudget());

            assertThat(entity.at("/metadata/description").asText()).isEqualTo("Orders service");
            assertThat(entity.at("/spec/definition/openapi").asText()).isEqualTo("3.0.0");
            assertThat(entity.at("/spec/events/asyncapi").asText()).isEqualTo("2.6.0");
            assertThat(server.requests()).extracting(LocalHttpServer.Request::path).containsExactly(
                    "/repo/systems/orders/README.md", "/repo/systems/orders/openapi.json", "/repo/shared/asyncapi.yaml");
        }

        @Test
        void aMissingTargetIsAnErrorWithThePath() throws Exception {
            LocationSpec location = new LocationSpec("url", server.url("/repo/catalog-info.yaml"));

            PlaceholderResolver.PlaceholderException error = catchThrowableOfType(PlaceholderResolver.PlaceholderException.class,
                    () -> resolver.resolve(descriptor("""
                            spec:
                              definition:
                                $text: ./openapi.yaml
                            """), location, fetcher(policy), YAML.newBudget()));

            assertThat(error).isNotNull();
            assertThat(error.path()).isEqualTo("spec.definition");
            assertThat(error.getMessage()).contains(server.url("/repo/openapi.yaml")).contains("404");
        }
    }
}
