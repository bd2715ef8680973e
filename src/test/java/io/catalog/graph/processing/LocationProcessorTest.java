package io.catalog.graph.processing;

import io.catalog.graph.model.CatalogAnnotations;
import io.catalog.graph.model.ProcessedEntity;
import io.catalog.graph.model.ProcessingError;
import static io.catalog.graph.testing.Descriptors.component;
import static io.catalog.graph.testing.Descriptors.group;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.ingest.DescriptorParser;
import io.catalog.graph.ingest.LocalHttpServer;
import io.catalog.graph.ingest.LocationReader;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.ingest.PlaceholderResolver;
import io.catalog.graph.ingest.ReadPolicy;
import io.catalog.graph.model.EntityRef;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationProcessorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DescriptorParser PARSER = new DescriptorParser(1_000_000, 1_000, 64, 50, 2_000_000);

    private final LocationProcessor processor = processor(20, 1_000_000, Duration.ofSeconds(30));

    private static LocationProcessor processor(int placeholdersPerDocument, long placeholderBytes, Duration placeholderTimeout) {
        return new LocationProcessor(new LocationReader(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()),
                PARSER, new PlaceholderResolver(JSON, PARSER, placeholdersPerDocument),
                new PlaceholderReads.Limits(placeholderBytes, placeholderTimeout), new EntityProcessor(JSON), new StorableCheck(1 << 20));
    }

    @TempDir
    Path root;

    private ReadPolicy policy;
    private Path descriptor;
    private LocationSpec location;

    @BeforeEach
    void setUp() {
        policy = new ReadPolicy(Set.of("127.0.0.1"), List.of(root), 1_000_000, Duration.ofSeconds(5));
        descriptor = root.resolve("catalog-info.yaml");
        location = new LocationSpec("file", descriptor.toString());
    }

    private static String documents(String... documents) {
        return String.join("---\n", documents);
    }

    private void write(String yaml) throws IOException {
        Files.writeString(descriptor, yaml);
    }

    private LocationProcessor.Result process(LocationProcessor.Previous previous) {
        return processor.process(location, location.toString(), policy, previous);
    }

    private LocationProcessor.Processed processed(LocationProcessor.Previous previous) {
        LocationProcessor.Result result = process(previous);
        assertThat(result).isInstanceOf(LocationProcessor.Processed.class);
        return (LocationProcessor.Processed) result;
    }

    private static LocationProcessor.Previous remembered(LocationProcessor.Processed processed) {
        return new LocationProcessor.Previous(processed.contentHash(), processed.httpEtag(), processed.dependencies());
    }

    private static EntityRef ref(String kind, String name) {
        return new EntityRef(kind, "default", name);
    }

    @Nested
    class FirstRead {

        @Test
        void acceptsTheValidDocumentsAndRejectsTheInvalidOnesWithTheirLine() throws IOException {
            write(documents(group("orders-team"), component("orders", "orders-team"), component("broken", "")));

            LocationProcessor.Processed result = processed(LocationProcessor.Previous.NONE);

            assertThat(result.entities()).extracting(ProcessedEntity::ref)
                    .containsExactly(ref("group", "orders-team"), ref("component", "orders"));
            assertThat(result.rejected()).singleElement().satisfies(rejected -> {
                assertThat(rejected.ref()).isEqualTo(ref("component", "broken"));
                assertThat(rejected.line()).isEqualTo(18);
                assertThat(rejected.errors()).anySatisfy(e -> assertThat(e.message()).contains("spec.owner"));
            });
            assertThat(result.children()).isEmpty();
            assertThat(result.problems()).isEmpty();
            assertThat(result.contentHash()).hasSize(64);
            assertThat(result.httpEtag()).isNull();
            assertThat(result.dependencies()).isEmpty();
        }

        @Test
        void everyEntityIsManagedByTheLocationAndTheGivenOrigin() throws IOException {
            write(group("orders-team"));

            LocationProcessor.Processed result = (LocationProcessor.Processed)
                    processor.process(location, "url:https://example.com/root.yaml", policy, LocationProcessor.Previous.NONE);

            assertThat(result.entities().get(0).body().at("/metadata/annotations").get(CatalogAnnotations.MANAGED_BY_LOCATION).asText())
                    .isEqualTo("file:" + descriptor);
            assertThat(result.entities().get(0).body().at("/metadata/annotations").get(CatalogAnnotations.MANAGED_BY_ORIGIN_LOCATION).asText())
                    .isEqualTo("url:https://example.com/root.yaml");
        }

        @Test
        void anEntityDefinedTwiceKeepsTheFirstAndRejectsTheSecond() throws IOException {
            write(documents(group("orders-team"), component("orders", "orders-team"), component("orders", "someone-else")));

            LocationProcessor.Processed result = processed(LocationProcessor.Previous.NONE);

            assertThat(result.entities()).extracting(ProcessedEntity::ref)
                    .containsExactly(ref("group", "orders-team"), ref("component", "orders"));
            assertThat(result.entities().get(1).body().at("/spec/owner").asText()).isEqualTo("orders-team");
            assertThat(result.rejected()).singleElement().satisfies(rejected -> {
                assertThat(rejected.line()).isEqualTo(18);
                assertThat(rejected.errors()).singleElement().satisfies(e -> {
                    assertThat(e.name()).isEqualTo("ConflictError");
                    assertThat(e.message()).contains("component:default/orders").contains("more than once");
                });
            });
        }

        @Test
        void theSameNameInAnotherNamespaceIsNoDuplicate() throws IOException {
            write(documents(group("orders-team"), group("orders-team").replace("  name: orders-team\n", "  name: orders-team\n  namespace: sales\n")));

            LocationProcessor.Processed result = processed(LocationProcessor.Previous.NONE);

            assertThat(result.entities()).hasSize(2);
            assertThat(result.rejected()).isEmpty();
        }

        @Test
        void aDocumentWithABrokenPlaceholderIsRejectedAndTheOthersStillAccepted() throws IOException {
            write(documents(group("orders-team"), """
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: orders
                      description:
                        $text: ./missing.md
                    spec:
                      type: service
                      lifecycle: production
                      owner: orders-team
                    """));

            LocationProcessor.Processed result = processed(LocationProcessor.Previous.NONE);

            assertThat(result.entities()).extracting(ProcessedEntity::ref).containsExactly(ref("group", "orders-team"));
            assertThat(result.rejected()).singleElement().satisfies(rejected -> {
                assertThat(rejected.ref()).isEqualTo(ref("component", "orders"));
                assertThat(rejected.line()).isEqualTo(9);
                assertThat(rejected.errors()).singleElement().satisfies(e -> {
                    assertThat(e.name()).isEqualTo("InputError");
                    assertThat(e.message()).contains("metadata.description").contains("missing.md");
                    assertThat(e.entityRef()).isEqualTo("component:default/orders");
                });
            });
        }

        @Test
        void placeholdersAreReplacedAndTheirFilesRememberedAsDependencies() throws IOException {
            Files.createDirectories(root.resolve("docs"));
            Files.writeString(root.resolve("docs/orders.md"), "Takes orders.");
            write("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: orders
                      description:
                        $text: ./docs/orders.md
                    spec:
                      type: service
                      lifecycle: production
                      owner: orders-team
                    """);

            LocationProcessor.Processed result = processed(LocationProcessor.Previous.NONE);

            assertThat(result.entities().get(0).body().at("/metadata/description").asText()).isEqualTo("Takes orders.");
            assertThat(result.dependencies()).containsExactly(new LocationSpec("file", root.resolve("docs/orders.md").toString()));
        }
    }

    @Nested
    class PlaceholderBounds {

        /** A component whose description is read from {@code target}. */
        private static String describedBy(String name, String target) {
            return component(name, "orders-team").replace("  name: " + name + "\n",
                    "  name: " + name + "\n  description:\n    $text: " + target + "\n");
        }

        private static List<String> errorsOf(RejectedDocument rejected) {
            return rejected.errors().stream().map(ProcessingError::message).toList();
        }

        @Test
        void aDocumentWithMorePlaceholdersThanTheLimitIsRejectedAloneNamingTheLimit() throws IOException {
            Files.writeString(root.resolve("a.txt"), "a");
            StringBuilder many = new StringBuilder(component("chatty", "orders-team")).append("  notes:\n");
            for (int i = 0; i < 21; i++) {
                many.append("    - $text: ./a.txt\n");
            }
            write(documents(group("orders-team"), many.toString(), describedBy("quiet", "./a.txt")));

            LocationProcessor.Processed result = processed(LocationProcessor.Previous.NONE);

            assertThat(result.entities()).extracting(ProcessedEntity::ref)
                    .containsExactly(ref("group", "orders-team"), ref("component", "quiet"));
            assertThat(result.rejected()).singleElement().satisfies(rejected -> {
                assertThat(rejected.ref()).isEqualTo(ref("component", "chatty"));
                assertThat(rejected.line()).isEqualTo(9);
                assertThat(errorsOf(rejected)).singleElement().asString()
                        .contains("spec.notes[20]").contains("more than 20 placeholders")
                        .contains("catalog.limits.max-placeholders-per-document");
            });
        }

        @Test
        void placeholdersStopReadingOnceTheLocationsBytesAreSpentAndWhatWasReadStays() throws IOException {
            for (String file : List.of("a.md", "b.md", "c.md", "d.md")) {
                Files.writeString(root.resolve(file), file.charAt(0) + "x".repeat(9_999));
            }
            write(documents(describedBy("first", "./a.md"), describedBy("second", "./b.md"), describedBy("third", "./c.md"),
                    describedBy("fourth", "./d.md"), describedBy("first-again", "./a.md"), group("orders-team")));

            LocationProcessor.Processed result = (LocationProcessor.Processed) processor(20, 25_000, Duration.ofSeconds(30))
                    .process(location, location.toString(), policy, LocationProcessor.Previous.NONE);

            // a target read once is not counted again: "first-again" costs nothing
            assertThat(result.entities()).extracting(ProcessedEntity::ref).containsExactly(ref("component", "first"),
                    ref("component", "second"), ref("component", "first-again"), ref("group", "orders-team"));
            assertThat(result.rejected()).extracting(RejectedDocument::ref).containsExactly(ref("component", "third"), ref("component", "fourth"));
            assertThat(result.rejected()).allSatisfy(rejected -> assertThat(errorsOf(rejected)).singleElement().asString()
                    .contains("metadata.description").contains("25000 bytes").contains("catalog.limits.max-placeholder-bytes"));
            // cut short is not the whole story: the next refresh reads the location again
            assertThat(process(remembered(result))).isInstanceOf(LocationProcessor.Processed.class);
        }

        @Test
        void placeholdersStopReadingOnceTheLocationsTimeIsSpent() throws IOException {
            try (LocalHttpServer server = LocalHttpServer.start()) {
                for (String file : List.of("a.md", "b.md", "c.md")) {
                    server.serveSlowly("/repo/" + file, "content of " + file, Duration.ofMillis(400));
                }
                server.serve("/repo/catalog-info.yaml", documents(describedBy("first", "./a.md"), describedBy("second", "./b.md"),
                        describedBy("third", "./c.md"), group("orders-team")));
                LocationSpec url = new LocationSpec("url", server.url("/repo/catalog-info.yaml"));

                LocationProcessor.Processed result = (LocationProcessor.Processed) processor(20, 1_000_000, Duration.ofMillis(600))
                        .process(url, url.toString(), policy, LocationProcessor.Previous.NONE);

                assertThat(result.entities()).extracting(ProcessedEntity::ref).containsExactly(ref("component", "first"),
                        ref("component", "second"), ref("group", "orders-team"));
                assertThat(result.rejected()).singleElement().satisfies(rejected -> {
                    assertThat(rejected.ref()).isEqualTo(ref("component", "third"));
                    assertThat(errorsOf(rejected)).singleElement().asString()
                            .contains("metadata.description").contains("catalog.limits.placeholder-timeout");
                });
                assertThat(server.requests()).extracting(LocalHttpServer.Request::path)
                        .containsExactly("/repo/catalog-info.yaml", "/repo/a.md", "/repo/b.md");
            }
        }

        @Test
        void onePlaceholderUsedOverAndOverCannotGrowTheLocationPastMaxExpandedBytes() throws IOException {
            // the parser allows 2,000,000 expanded bytes per location: 19 copies of 100 KB fit beside the file, 20 do not
            Files.writeString(root.resolve("README.md"), "r".repeat(100_000));
            String[] copies = new String[25];
            for (int i = 0; i < copies.length; i++) {
                copies[i] = describedBy("copy-" + i, "./README.md");
            }
            write(documents(copies));

            LocationProcessor.Processed result = processed(LocationProcessor.Previous.NONE);

            assertThat(result.entities()).hasSize(19);
            assertThat(result.rejected()).hasSize(6).allSatisfy(rejected -> assertThat(errorsOf(rejected)).singleElement().asString()
                    .contains("metadata.description").contains("catalog.limits.max-expanded-bytes"));
            assertThat(result.rejected().get(0).ref()).isEqualTo(ref("component", "copy-19"));
        }
    }

    @Nested
    class ChildLocations {

        @Test
        void targetsOfALocationEntityResolveAgainstTheFileThatDeclaresIt() throws IOException {
            write("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Location
                    metadata:
                      name: root
                    spec:
                      target: ./org/groups.yaml
                      targets:
                        - ./systems/orders/catalog-info.yaml
                        - ../elsewhere/catalog-info.yaml
                    """);

            LocationProcessor.Processed result = processed(LocationProcessor.Previous.NONE);

            assertThat(result.entities()).extracting(ProcessedEntity::ref).containsExactly(ref("location", "root"));
            assertThat(result.children()).containsExactly(
                    new LocationProcessor.ChildLocation(new LocationSpec("file", root.resolve("org/groups.yaml").toString()), ref("location", "root")),
                    new LocationProcessor.ChildLocation(new LocationSpec("file", root.resolve("systems/orders/catalog-info.yaml").toString()),
                            ref("location", "root")),
                    new LocationProcessor.ChildLocation(new LocationSpec("file", root.resolveSibling("elsewhere/catalog-info.yaml").toString()),
                            ref("location", "root")));
        }

        @Test
        void aTargetOfAnotherTypeIsTakenAsItIs() throws IOException {
            write("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Location
                    metadata:
                      name: remote
                    spec:
                      type: url
                      target: https://example.com/repo/catalog-info.yaml
                    """);

            assertThat(processed(LocationProcessor.Previous.NONE).children()).extracting(LocationProcessor.ChildLocation::spec)
                    .containsExactly(LocationSpec.parse("url:https://example.com/repo/catalog-info.yaml"));
        }

        @Test
        void anInvalidTargetIsAProblemOfTheLocationNotACrash() throws IOException {
            write("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Location
                    metadata:
                      name: remote
                    spec:
                      type: url
                      targets:
                        - ftp://example.com/catalog-info.yaml
                        - https://example.com/catalog-info.yaml
                    """);

            LocationProcessor.Processed result = processed(LocationProcessor.Previous.NONE);

            assertThat(result.children()).extracting(LocationProcessor.ChildLocation::spec)
                    .containsExactly(LocationSpec.parse("url:https://example.com/catalog-info.yaml"));
            assertThat(result.problems()).singleElement().satisfies(p -> {
                assertThat(p.message()).contains("ftp://example.com/catalog-info.yaml").contains("location:default/remote");
                assertThat(p.entityRef()).isEqualTo("location:default/remote");
            });
        }
    }

    @Nested
    class Failures {

        @Test
        void aParseErrorFailsTheLocationWithTheLine() throws IOException {
            write(group("orders-team") + "---\nkind: Component\nmetadata:\n  name: a\n  description: broken: yaml\n");

            LocationProcessor.Result result = process(LocationProcessor.Previous.NONE);

            assertThat(result).isInstanceOfSatisfying(LocationProcessor.Failed.class, failed -> {
                assertThat(failed.error().name()).isEqualTo("InputError");
                assertThat(failed.error().line()).isEqualTo(12);
                assertThat(failed.error().message()).startsWith(location + ": ").contains("invalid YAML");
            });
        }

        @Test
        void aMissingFileFailsTheLocationWithAReadError() {
            LocationProcessor.Result result = process(LocationProcessor.Previous.NONE);

            assertThat(result).isInstanceOfSatisfying(LocationProcessor.Failed.class, failed -> {
                assertThat(failed.error().name()).isEqualTo("ReadError");
                assertThat(failed.error().message()).contains(descriptor.toString()).contains("does not exist");
            });
        }

        @Test
        void aFileOutsideThePolicyFailsTheLocation() throws IOException {
            write(group("orders-team"));
            policy = new ReadPolicy(Set.of(), List.of(root.resolve("other")), 1_000_000, Duration.ofSeconds(5));

            assertThat(process(LocationProcessor.Previous.NONE)).isInstanceOfSatisfying(LocationProcessor.Failed.class,
                    failed -> assertThat(failed.error().message()).contains("outside the folders"));
        }
    }

    @Nested
    class Rereading {

        @Test
        void theSameContentAsLastTimeIsUnchanged() throws IOException {
            write(group("orders-team"));
            LocationProcessor.Processed first = processed(LocationProcessor.Previous.NONE);

            assertThat(process(remembered(first))).isInstanceOf(LocationProcessor.Unchanged.class);
        }

        @Test
        void changedContentIsProcessedAgain() throws IOException {
            write(group("orders-team"));
            LocationProcessor.Processed first = processed(LocationProcessor.Previous.NONE);

            write(documents(group("orders-team"), group("billing-team")));
            LocationProcessor.Processed second = processed(remembered(first));

            assertThat(second.contentHash()).isNotEqualTo(first.contentHash());
            assertThat(second.entities()).hasSize(2);
        }

        @Test
        void aChangedPlaceholderFileIsProcessedAgainThoughTheDescriptorIsNot() throws IOException {
            Path readme = Files.writeString(root.resolve("README.md"), "Version one.");
            write(component("orders", "orders-team").replace("  name: orders\n", "  name: orders\n  description:\n    $text: ./README.md\n"));
            LocationProcessor.Processed first = processed(LocationProcessor.Previous.NONE);
            assertThat(process(remembered(first))).isInstanceOf(LocationProcessor.Unchanged.class);

            Files.writeString(readme, "Version two.");
            LocationProcessor.Processed second = processed(remembered(first));

            assertThat(second.entities().get(0).body().at("/metadata/description").asText()).isEqualTo("Version two.");
            assertThat(second.contentHash()).isNotEqualTo(first.contentHash());
        }

        @Test
        void aPlaceholderFileThatWasMissingIsPickedUpOnceItExists() throws IOException {
            write(component("orders", "orders-team").replace("  name: orders\n", "  name: orders\n  description:\n    $text: ./README.md\n"));
            LocationProcessor.Processed first = processed(LocationProcessor.Previous.NONE);
            assertThat(first.entities()).isEmpty();
            assertThat(first.rejected()).hasSize(1);

            Files.writeString(root.resolve("README.md"), "Now it exists.");
            LocationProcessor.Processed second = processed(remembered(first));

            assertThat(second.rejected()).isEmpty();
            assertThat(second.entities()).singleElement()
                    .satisfies(e -> assertThat(e.body().at("/metadata/description").asText()).isEqualTo("Now it exists."));
        }

        @Test
        void aPlaceholderFileThatDisappearedIsProcessedAgainAndRejectsItsEntity() throws IOException {
            Path readme = Files.writeString(root.resolve("README.md"), "Here.");
            write(component("orders", "orders-team").replace("  name: orders\n", "  name: orders\n  description:\n    $text: ./README.md\n"));
            LocationProcessor.Processed first = processed(LocationProcessor.Previous.NONE);
            assertThat(first.entities()).hasSize(1);

            Files.delete(readme);
            LocationProcessor.Processed second = processed(remembered(first));

            assertThat(second.entities()).isEmpty();
            assertThat(second.rejected()).singleElement().satisfies(r -> assertThat(r.ref()).isEqualTo(ref("component", "orders")));
        }
    }

    @Nested
    class UrlLocations {

        @Test
        void anUnchangedEtagSkipsTheLocationWithoutDownloadingIt() throws IOException {
            try (LocalHttpServer server = LocalHttpServer.start()) {
                server.serve("/catalog-info.yaml", group("orders-team"), "\"v1\"");
                LocationSpec url = new LocationSpec("url", server.url("/catalog-info.yaml"));

                LocationProcessor.Processed first = (LocationProcessor.Processed)
                        processor.process(url, url.toString(), policy, LocationProcessor.Previous.NONE);
                LocationProcessor.Result second = processor.process(url, url.toString(), policy, remembered(first));

                assertThat(first.httpEtag()).isEqualTo("\"v1\"");
                assertThat(second).isEqualTo(new LocationProcessor.Unchanged("\"v1\""));
                assertThat(server.requests()).containsExactly(
                        new LocalHttpServer.Request("/catalog-info.yaml", null),
                        new LocalHttpServer.Request("/catalog-info.yaml", "\"v1\""));
            }
        }

        @Test
        void anUnchangedEtagStillLooksAtThePlaceholderFiles() throws IOException {
            try (LocalHttpServer server = LocalHttpServer.start()) {
                server.serve("/repo/README.md", "Version one.", "\"r1\"");
                server.serve("/repo/catalog-info.yaml", component("orders", "orders-team")
                        .replace("  name: orders\n", "  name: orders\n  description:\n    $text: ./README.md\n"), "\"v1\"");
                LocationSpec url = new LocationSpec("url", server.url("/repo/catalog-info.yaml"));
                LocationProcessor.Processed first = (LocationProcessor.Processed)
                        processor.process(url, url.toString(), policy, LocationProcessor.Previous.NONE);

                server.serve("/repo/README.md", "Version two.", "\"r2\"");
                LocationProcessor.Result second = processor.process(url, url.toString(), policy, remembered(first));

                assertThat(second).isInstanceOfSatisfying(LocationProcessor.Processed.class, processed ->
                        assertThat(processed.entities().get(0).body().at("/metadata/description").asText()).isEqualTo("Version two."));
            }
        }

        @Test
        void aChangedEtagWithTheSameContentIsUnchanged() throws IOException {
            try (LocalHttpServer server = LocalHttpServer.start()) {
                server.serve("/catalog-info.yaml", group("orders-team"), "\"v1\"");
                LocationSpec url = new LocationSpec("url", server.url("/catalog-info.yaml"));
                LocationProcessor.Processed first = (LocationProcessor.Processed)
                        processor.process(url, url.toString(), policy, LocationProcessor.Previous.NONE);

                server.serve("/catalog-info.yaml", group("orders-team"), "\"v2\"");

                assertThat(processor.process(url, url.toString(), policy, remembered(first)))
                        .isEqualTo(new LocationProcessor.Unchanged("\"v2\""));
            }
        }
    }
}
