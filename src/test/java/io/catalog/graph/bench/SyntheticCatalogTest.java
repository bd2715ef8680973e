package io.catalog.graph.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticCatalogTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern TAG = Pattern.compile("[a-z0-9:+#]+(-[a-z0-9:+#]+)*");
    private static final Pattern DNS_PREFIX =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** Expected share of each kind and the allowed deviation, as fractions of all entities. */
    private static final Map<String, double[]> MIX = Map.of(
            "Group", new double[] {0.02, 0.005},
            "User", new double[] {0.10, 0.01},
            "Domain", new double[] {0.01, 0.005},
            "System", new double[] {0.03, 0.005},
            "Component", new double[] {0.55, 0.02},
            "API", new double[] {0.20, 0.01},
            "Resource", new double[] {0.09, 0.01});

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------- determinism

    @Test
    void sameEntitiesAndSeedGiveIdenticalBytes() throws IOException {
        SyntheticCatalog.Summary a = SyntheticCatalog.write(tmp.resolve("a"), 1_000, 7L);
        SyntheticCatalog.Summary b = SyntheticCatalog.write(tmp.resolve("b"), 1_000, 7L);

        assertThat(b).isEqualTo(a);
        Map<String, byte[]> filesA = readTree(tmp.resolve("a"));
        Map<String, byte[]> filesB = readTree(tmp.resolve("b"));
        assertThat(filesB.keySet()).isEqualTo(filesA.keySet());
        for (String file : filesA.keySet()) {
            assertThat(filesB.get(file)).as(file).isEqualTo(filesA.get(file));
        }
    }

    @Test
    void differentSeedGivesDifferentOutputOfSameShape() throws IOException {
        SyntheticCatalog.Summary a = SyntheticCatalog.write(tmp.resolve("a"), 1_000, 7L);
        SyntheticCatalog.Summary b = SyntheticCatalog.write(tmp.resolve("b"), 1_000, 8L);

        assertThat(b.entities()).isEqualTo(a.entities());
        assertThat(b.files()).isEqualTo(a.files());
        Map<String, byte[]> filesA = readTree(tmp.resolve("a"));
        Map<String, byte[]> filesB = readTree(tmp.resolve("b"));
        assertThat(filesB.keySet()).isEqualTo(filesA.keySet());
        long differing = filesA.keySet().stream()
                .filter(f -> !f.equals("catalog-info.yaml"))
                .filter(f -> !java.util.Arrays.equals(filesA.get(f), filesB.get(f)))
                .count();
        assertThat(differing).isEqualTo(filesA.size() - 1);
    }

    // ---------------------------------------------------------------- counts and validity

    @ParameterizedTest
    @ValueSource(ints = {1_000, 10_000})
    void writesExactCountWithRealisticMix(int entities) throws IOException {
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(tmp, entities, 42L);
        Catalog catalog = Catalog.load(tmp);

        assertThat(summary.entities()).isEqualTo(entities);
        assertThat(catalog.docs).hasSize(entities);
        assertThat(summary.files()).isEqualTo(catalog.docsPerFile.size());
        assertThat(summary.countsByKind()).isEqualTo(catalog.countsByKind());
        assertThat(summary.countsByKind().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(entities);
        assertThat(summary.countsByKind()).containsEntry("Location", 1);
        for (Map.Entry<String, double[]> e : MIX.entrySet()) {
            double share = summary.countsByKind().get(e.getKey()) / (double) entities;
            assertThat(share).as(e.getKey()).isCloseTo(e.getValue()[0], within(e.getValue()[1]));
        }
        catalog.docsPerFile.forEach((file, count) -> {
            if (!file.equals("catalog-info.yaml")) {
                assertThat(file).matches("part-\\d{4}/catalog-info\\.yaml");
                assertThat(count).as(file).isBetween(SyntheticCatalog.ENTITIES_PER_FILE / 2,
                        SyntheticCatalog.ENTITIES_PER_FILE);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 10_000})
    void everyDocumentIsAValidEntity(int entities) throws IOException {
        SyntheticCatalog.write(tmp, entities, 3L);
        Catalog catalog = Catalog.load(tmp);

        Set<String> seen = new HashSet<>();
        for (Doc doc : catalog.docs) {
            JsonNode e = doc.node;
            String where = doc.file + " " + e.path("metadata").path("name").asText();
            assertThat(e.path("apiVersion").asText()).as(where).isEqualTo("backstage.io/v1alpha1");
            assertThat(e.path("kind").isTextual()).as(where).isTrue();
            assertThat(e.path("metadata").isObject()).as(where).isTrue();
            assertThat(e.path("spec").isObject()).as(where).isTrue();
            String name = e.path("metadata").path("name").asText();
            assertThat(name).as(where).matches(NAME).hasSizeLessThanOrEqualTo(63);
            assertThat(seen.add(key(e.path("kind").asText(), name))).as("unique " + where).isTrue();
            assertThat(e.path("metadata").path("description").asText()).as(where).isNotBlank();

            for (JsonNode tag : e.path("metadata").path("tags")) {
                assertThat(tag.asText()).as(where).matches(TAG).hasSizeLessThanOrEqualTo(63);
            }
            e.path("metadata").path("labels").properties().forEach(l -> {
                assertValidKey(l.getKey(), where);
                assertThat(l.getValue().asText()).as(where).matches(NAME).hasSizeLessThanOrEqualTo(63);
            });
            e.path("metadata").path("annotations").properties().forEach(a -> {
                assertValidKey(a.getKey(), where);
                assertThat(a.getValue().isTextual()).as(where).isTrue();
            });

            JsonNode spec = e.path("spec");
            switch (e.path("kind").asText()) {
                case "Location" -> assertThat(spec.path("targets").isArray()).isTrue();
                case "Group" -> {
                    assertThat(spec.path("type").asText()).as(where).isIn("team", "department");
                    assertThat(spec.path("children").isArray()).as(where).isTrue();
                }
                case "User" -> {
                    assertThat(spec.path("memberOf").isArray()).as(where).isTrue();
                    assertThat(spec.path("memberOf")).as(where).isNotEmpty();
                    assertThat(spec.path("profile").path("email").asText()).as(where).contains("@");
                }
                case "Domain" -> assertText(spec, where, "owner");
                case "System" -> {
                    assertText(spec, where, "owner", "domain");
                    assertSlug(e, where);
                }
                case "Component" -> {
                    assertText(spec, where, "type", "lifecycle", "owner", "system");
                    assertThat(spec.path("type").asText()).as(where).isIn("service", "website", "library");
                    assertThat(spec.path("lifecycle").asText()).as(where)
                            .isIn("production", "experimental", "deprecated");
                    assertThat(spec.path("providesApis").size()).as(where).isBetween(0, 2);
                    assertThat(spec.path("consumesApis").size()).as(where).isBetween(0, 3);
                    assertThat(spec.path("dependsOn").size()).as(where).isBetween(0, 3);
                    assertSlug(e, where);
                }
                case "API" -> {
                    assertText(spec, where, "type", "lifecycle", "owner", "system", "definition");
                    assertThat(spec.path("type").asText()).isEqualTo("openapi");
                    JsonNode definition = YAML.readTree(spec.path("definition").asText());
                    assertThat(definition.path("openapi").asText()).as(where).startsWith("3.");
                    assertThat(definition.path("paths").isObject()).as(where).isTrue();
                    assertSlug(e, where);
                }
                case "Resource" -> {
                    assertText(spec, where, "type", "owner", "system");
                    assertThat(spec.path("type").asText()).as(where).isIn("database", "s3-bucket", "queue");
                    assertSlug(e, where);
                }
                default -> throw new AssertionError("unexpected kind in " + where);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 10_000})
    void everyRefPointsAtAGeneratedEntity(int entities) throws IOException {
        SyntheticCatalog.write(tmp, entities, 11L);
        Catalog catalog = Catalog.load(tmp);
        Set<String> existing = new HashSet<>();
        for (Doc doc : catalog.docs) {
            existing.add(key(doc.node.path("kind").asText(), doc.node.path("metadata").path("name").asText()));
        }

        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("owner", "group");
        defaults.put("system", "system");
        defaults.put("domain", "domain");
        defaults.put("parent", "group");
        defaults.put("subcomponentOf", "component");
        defaults.put("memberOf", "group");
        defaults.put("children", "group");
        defaults.put("providesApis", "api");
        defaults.put("consumesApis", "api");
        defaults.put("dependsOn", null);

        int refs = 0;
        Map<String, Set<String>> childrenOf = new HashMap<>();
        Map<String, String> parentOf = new HashMap<>();
        for (Doc doc : catalog.docs) {
            JsonNode spec = doc.node.path("spec");
            String self = key(doc.node.path("kind").asText(), doc.node.path("metadata").path("name").asText());
            for (Map.Entry<String, String> field : defaults.entrySet()) {
                JsonNode value = spec.path(field.getKey());
                List<JsonNode> values = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(values::add);
                } else if (!value.isMissingNode()) {
                    values.add(value);
                }
                Set<String> distinct = new HashSet<>();
                for (JsonNode ref : values) {
                    String target = resolve(ref.asText(), field.getValue());
                    assertThat(existing).as(self + " " + field.getKey()).contains(target);
                    assertThat(target).as(self + " refers to itself").isNotEqualTo(self);
                    assertThat(distinct.add(target)).as(self + " duplicate " + target).isTrue();
                    refs++;
                }
            }
            if (doc.node.path("kind").asText().equals("Group")) {
                Set<String> children = new TreeSet<>();
                spec.path("children").forEach(c -> children.add(resolve(c.asText(), "group")));
                childrenOf.put(self, children);
                if (spec.has("parent")) {
                    parentOf.put(self, resolve(spec.path("parent").asText(), "group"));
                }
            }
        }
        assertThat(refs).isGreaterThan(entities);

        // The group hierarchy agrees in both directions.
        Map<String, Set<String>> fromParents = new HashMap<>();
        childrenOf.keySet().forEach(g -> fromParents.put(g, new TreeSet<>()));
        parentOf.forEach((child, parent) -> fromParents.get(parent).add(child));
        assertThat(childrenOf).isEqualTo(fromParents);
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 10_000})
    void rootLocationListsEveryFile(int entities) throws IOException {
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(tmp, entities, 5L);

        List<JsonNode> rootDocs = readDocs(tmp.resolve("catalog-info.yaml"));
        assertThat(rootDocs).hasSize(1);
        JsonNode root = rootDocs.get(0);
        assertThat(root.path("kind").asText()).isEqualTo("Location");
        assertThat(root.path("metadata").path("name").asText()).isEqualTo("synthetic-root");

        List<String> targets = new ArrayList<>();
        root.path("spec").path("targets").forEach(t -> targets.add(t.asText()));
        assertThat(targets).doesNotHaveDuplicates().allMatch(t -> t.startsWith("./"));
        Set<String> listed = new TreeSet<>();
        targets.forEach(t -> listed.add(t.substring(2)));

        Set<String> onDisk = new TreeSet<>(readTree(tmp).keySet());
        onDisk.remove("catalog-info.yaml");
        assertThat(listed).isEqualTo(onDisk);
        assertThat(summary.files()).isEqualTo(targets.size() + 1);

        // Only the root holds a Location.
        for (String file : onDisk) {
            for (JsonNode doc : readDocs(tmp.resolve(file))) {
                assertThat(doc.path("kind").asText()).as(file).isNotEqualTo("Location");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 8, 13, 50, 201, 401})
    void smallAndOddSizesStayExactAndConsistent(int entities) throws IOException {
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(tmp, entities, 99L);
        Catalog catalog = Catalog.load(tmp);

        assertThat(catalog.docs).hasSize(entities);
        // The summary lists every kind, with 0 for kinds a tiny catalog has none of.
        assertThat(summary.countsByKind()).hasSize(8);
        Map<String, Integer> nonZero = new HashMap<>(summary.countsByKind());
        nonZero.values().removeIf(v -> v == 0);
        assertThat(nonZero).isEqualTo(catalog.countsByKind());
        Set<String> existing = new HashSet<>();
        catalog.docs.forEach(d -> existing.add(
                key(d.node.path("kind").asText(), d.node.path("metadata").path("name").asText())));
        for (Doc doc : catalog.docs) {
            JsonNode spec = doc.node.path("spec");
            for (String f : List.of("owner", "system", "domain", "parent", "subcomponentOf")) {
                if (spec.has(f)) {
                    String dflt = Map.of("owner", "group", "system", "system", "domain", "domain",
                            "parent", "group", "subcomponentOf", "component").get(f);
                    assertThat(existing).contains(resolve(spec.path(f).asText(), dflt));
                }
            }
            spec.path("memberOf").forEach(r -> assertThat(existing).contains(resolve(r.asText(), "group")));
            spec.path("providesApis").forEach(r -> assertThat(existing).contains(resolve(r.asText(), "api")));
            spec.path("consumesApis").forEach(r -> assertThat(existing).contains(resolve(r.asText(), "api")));
            spec.path("dependsOn").forEach(r -> assertThat(existing).contains(resolve(r.asText(), null)));
        }
    }

    // ---------------------------------------------------------------- touch

    @Test
    void touchChangesOnlyTheFirstDescriptionOfOneFile() throws IOException {
        SyntheticCatalog.write(tmp, 1_000, 21L);
        Map<String, byte[]> before = readTree(tmp);
        List<JsonNode> docsBefore = readDocs(tmp.resolve("part-0002/catalog-info.yaml"));

        Path touched = SyntheticCatalog.touch(tmp, 2);

        assertThat(touched).isEqualTo(tmp.resolve("part-0002").resolve("catalog-info.yaml"));
        Map<String, byte[]> after = readTree(tmp);
        for (String file : before.keySet()) {
            if (file.equals("part-0002/catalog-info.yaml")) {
                assertThat(after.get(file)).isNotEqualTo(before.get(file));
            } else {
                assertThat(after.get(file)).as(file).isEqualTo(before.get(file));
            }
        }
        List<JsonNode> docsAfter = readDocs(touched);
        assertThat(docsAfter).hasSize(docsBefore.size());
        String oldDescription = docsBefore.get(0).path("metadata").path("description").asText();
        String newDescription = docsAfter.get(0).path("metadata").path("description").asText();
        assertThat(newDescription).isNotEqualTo(oldDescription).startsWith(oldDescription);
        assertThat(docsAfter.get(0).path("spec")).isEqualTo(docsBefore.get(0).path("spec"));
        assertThat(docsAfter.subList(1, docsAfter.size())).isEqualTo(docsBefore.subList(1, docsBefore.size()));

        // Touching again changes the file again.
        byte[] once = Files.readAllBytes(touched);
        SyntheticCatalog.touch(tmp, 2);
        assertThat(Files.readAllBytes(touched)).isNotEqualTo(once);
        assertThat(readDocs(touched).get(0).path("metadata").path("description").asText())
                .isNotEqualTo(newDescription);
    }

    // ---------------------------------------------------------------- size smoke check

    @Test
    void writesOneHundredThousandEntities() throws IOException {
        long t0 = System.nanoTime();
        SyntheticCatalog.Summary summary = SyntheticCatalog.write(tmp, 100_000, 1L);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long bytes;
        try (Stream<Path> files = Files.walk(tmp)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.println("SyntheticCatalog: wrote " + summary.entities() + " entities in "
                + summary.files() + " files (" + bytes / (1024 * 1024) + " MiB) in " + ms + " ms");

        assertThat(summary.entities()).isEqualTo(100_000);
        assertThat(summary.files()).isEqualTo(501);
        assertThat(readTree(tmp)).hasSize(501);
    }

    // ---------------------------------------------------------------- helpers

    private record Doc(String file, JsonNode node) {
    }

    private static final class Catalog {
        final List<Doc> docs = new ArrayList<>();
        final Map<String, Integer> docsPerFile = new TreeMap<>();

        static Catalog load(Path dir) throws IOException {
            Catalog c = new Catalog();
            for (String file : readTree(dir).keySet()) {
                List<JsonNode> docs = readDocs(dir.resolve(file));
                c.docsPerFile.put(file, docs.size());
                docs.forEach(d -> c.docs.add(new Doc(file, d)));
            }
            return c;
        }

        Map<String, Integer> countsByKind() {
            Map<String, Integer> counts = new HashMap<>();
            docs.forEach(d -> counts.merge(d.node.path("kind").asText(), 1, Integer::sum));
            return counts;
        }
    }

    /** All regular files under {@code dir}, by '/'-separated relative path, in sorted order. */
    private static Map<String, byte[]> readTree(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static List<JsonNode> readDocs(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static String key(String kind, String name) {
        return kind.toLowerCase(Locale.ROOT) + ":" + name.toLowerCase(Locale.ROOT);
    }

    /** Entity ref ({@code [kind:][namespace/]name}) to a lower-case kind:name key. */
    private static String resolve(String ref, String defaultKind) {
        String kind = defaultKind;
        String rest = ref;
        int colon = ref.indexOf(':');
        if (colon >= 0) {
            kind = ref.substring(0, colon);
            rest = ref.substring(colon + 1);
        }
        assertThat(kind).as("ref without kind where none is implied: " + ref).isNotNull();
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            assertThat(rest.substring(0, slash)).isEqualTo("default");
            rest = rest.substring(slash + 1);
        }
        return key(kind, rest);
    }

    private static void assertValidKey(String key, String where) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            assertThat(key.substring(0, slash)).as(where).matches(DNS_PREFIX).hasSizeLessThanOrEqualTo(253);
        }
        assertThat(name).as(where).matches(NAME).hasSizeLessThanOrEqualTo(63);
    }

    private static void assertText(JsonNode spec, String where, String... fields) {
        for (String f : fields) {
            assertThat(spec.path(f).isTextual()).as(where + " spec." + f).isTrue();
            assertThat(spec.path(f).asText()).as(where + " spec." + f).isNotEmpty();
        }
    }

    private static void assertSlug(JsonNode entity, String where) {
        assertThat(entity.path("metadata").path("annotations").path("github.com/project-slug").asText())
                .as(where).isEqualTo("synthetic-org/" + entity.path("metadata").path("name").asText());
    }
}
