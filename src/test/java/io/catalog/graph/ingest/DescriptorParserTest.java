package io.catalog.graph.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DescriptorParserTest {

    /** The limits the catalog ships with (catalog.limits.*). */
    private static final int MAX_BYTES = 5_242_880;
    private static final int MAX_DOCUMENTS = 10_000;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_ALIASES = 50;

    private static final DescriptorParser DEFAULTS = new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES);

    private static List<DescriptorParser.Document> parse(DescriptorParser parser, String yaml) throws DescriptorParseException {
        return parser.parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<DescriptorParser.Document> parse(String yaml) throws DescriptorParseException {
        return parse(DEFAULTS, yaml);
    }

    private static DescriptorParseException parseError(DescriptorParser parser, String yaml) {
        return catchThrowableOfType(DescriptorParseException.class, () -> parse(parser, yaml));
    }

    @Nested
    class Documents {

        @Test
        void everyDocumentOfAMultiDocumentFileIsReturnedInOrder() throws Exception {
            List<DescriptorParser.Document> documents = parse("""
                    kind: Component
                    metadata:
                      name: first
                    ---
                    kind: API
                    metadata:
                      name: second
                    """);

            assertThat(documents).extracting(d -> d.node().at("/metadata/name").asText()).containsExactly("first", "second");
            assertThat(documents.get(1).node().get("kind").asText()).isEqualTo("API");
        }

        @Test
        void eachDocumentKnowsTheLineItsContentStartsOn() throws Exception {
            List<DescriptorParser.Document> documents = parse("""
                    ---
                    kind: Component
                    ---
                    kind: API
                    ---

                    # a comment before the content
                    kind: Group
                    """);

            assertThat(documents).extracting(DescriptorParser.Document::line).containsExactly(2, 4, 8);
        }

        @Test
        void emptyDocumentsAreSkipped() throws Exception {
            List<DescriptorParser.Document> documents = parse("""
                    ---
                    ---
                    # only a comment
                    ---
                    kind: Component
                    ---
                    """);

            assertThat(documents).hasSize(1);
            assertThat(documents.get(0).node().get("kind").asText()).isEqualTo("Component");
            assertThat(documents.get(0).line()).isEqualTo(5);
        }

        @Test
        void anEmptyFileHasNoDocuments() throws Exception {
            assertThat(parse("")).isEmpty();
            assertThat(parse("# nothing here\n")).isEmpty();
        }

        @Test
        void aKeyWithoutAValueReadsAsNull() throws Exception {
            JsonNode metadata = parse("""
                    metadata:
                      name: a
                      description:
                    """).get(0).node().get("metadata");

            assertThat(metadata.has("description")).isTrue();
            assertThat(metadata.get("description").isNull()).isTrue();
        }

        @Test
        void scalarsKeepTheirYamlTypes() throws Exception {
            JsonNode node = parse("""
                    count: 3
                    ratio: 0.5
                    enabled: true
                    quoted: "3"
                    nothing: ~
                    """).get(0).node();

            assertThat(node.get("count").isIntegralNumber()).isTrue();
            assertThat(node.get("count").asInt()).isEqualTo(3);
            assertThat(node.get("ratio").isFloatingPointNumber()).isTrue();
            assertThat(node.get("ratio").asDouble()).isEqualTo(0.5);
            assertThat(node.get("enabled").isBoolean()).isTrue();
            assertThat(node.get("quoted").isTextual()).isTrue();
            assertThat(node.get("nothing").isNull()).isTrue();
        }

        @Test
        void wordsThatOnlyYaml11TreatsAsBooleansStayStrings() throws Exception {
            // Backstage reads YAML 1.2: the country code "no" is not false, "on" is not true
            JsonNode node = parse("""
                    country: no
                    switch: on
                    answer: yes
                    """).get(0).node();

            assertThat(node.get("country").isTextual()).isTrue();
            assertThat(node.get("country").asText()).isEqualTo("no");
            assertThat(node.get("switch").asText()).isEqualTo("on");
            assertThat(node.get("answer").asText()).isEqualTo("yes");
        }
    }

    @Nested
    class InvalidYaml {

        @Test
        void isReportedWithTheLineWhereItBreaks() {
            DescriptorParseException error = parseError(DEFAULTS, """
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: broken
                      description: a: b
                    """);

            assertThat(error).isNotNull();
            assertThat(error.line()).isEqualTo(5);
            assertThat(error.getMessage()).startsWith("invalid YAML").contains("(line 5)");
        }

        @Test
        void inALaterDocumentIsReportedWithItsLineInTheFile() {
            DescriptorParseException error = parseError(DEFAULTS, """
                    kind: Component
                    ---
                    kind: API
                    spec:
                      a: 1
                       b: 2
                    ---
                    kind: Group
                    """);

            assertThat(error).isNotNull();
            assertThat(error.line()).isEqualTo(6);
        }

        @Test
        void duplicateKeysAreRejectedWhereTheSecondOneIs() {
            DescriptorParseException error = parseError(DEFAULTS, """
                    kind: Component
                    metadata:
                      name: first
                      name: second
                    """);

            assertThat(error).isNotNull();
            assertThat(error.line()).isEqualTo(4);
            assertThat(error.getMessage()).containsIgnoringCase("duplicate").contains("name");
        }

        @Test
        void theSameKeyInSeparateDocumentsOrSiblingMappingsIsNoDuplicate() throws Exception {
            List<DescriptorParser.Document> documents = parse("""
                    metadata:
                      name: a
                    spec:
                      name: b
                    ---
                    metadata:
                      name: c
                    """);

            assertThat(documents).hasSize(2);
        }
    }

    @Nested
    class Aliases {

        @Test
        void anAliasStandsForACopyOfWhatItsAnchorMarks() throws Exception {
            JsonNode node = parse("""
                    defaults: &defaults
                      lifecycle: production
                      owner: team-a
                    tags: &tags [java, kafka]
                    first:
                      settings: *defaults
                      tags: *tags
                    name: &name shared-name
                    alsoName: *name
                    """).get(0).node();

            assertThat(node.at("/first/settings/owner").asText()).isEqualTo("team-a");
            assertThat(node.at("/first/tags/1").asText()).isEqualTo("kafka");
            assertThat(node.get("alsoName").asText()).isEqualTo("shared-name");
        }

        @Test
        void anAliasToAnUnknownAnchorIsRejectedWithItsLine() {
            DescriptorParseException error = parseError(DEFAULTS, """
                    kind: Component
                    spec:
                      owner: *nowhere
                    """);

            assertThat(error).isNotNull();
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.getMessage()).contains("nowhere");
        }

        @Test
        void anchorsDoNotReachIntoTheNextDocument() {
            DescriptorParseException error = parseError(DEFAULTS, """
                    owner: &team team-a
                    ---
                    owner: *team
                    """);

            assertThat(error).isNotNull();
            assertThat(error.line()).isEqualTo(3);
        }

        @Test
        void theBillionLaughsBombIsRejectedByTheAliasLimit() {
            DescriptorParseException error = parseError(DEFAULTS, laughs(9));

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("catalog.limits.max-aliases");
        }

        @Test
        void moreAliasesThanMaxAliasesAreRejectedAndAcceptedUnderAHigherLimit() throws Exception {
            String yaml = "pair: &pair [lol, lol]\nmany: [" + aliases("*pair", 60) + "]\n";

            DescriptorParseException error = parseError(DEFAULTS, yaml);

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("catalog.limits.max-aliases");
            JsonNode node = parse(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, MAX_DEPTH, 60), yaml).get(0).node();
            assertThat(node.get("many")).hasSize(60);
            assertThat(node.at("/many/59/1").asText()).isEqualTo("lol");
        }

        @Test
        void raisingTheAliasLimitStillDoesNotLetTheBombExplode() {
            assertThat(parseError(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, MAX_DEPTH, 1_000_000), laughs(9)))
                    .isNotNull();
        }

        @Test
        void theAliasLimitCountsPerDocument() throws Exception {
            String thirtyAliases = "x: &x [1]\nuses: [" + aliases("*x", 30) + "]\n";

            assertThat(parse(thirtyAliases + "---\n" + thirtyAliases)).hasSize(2);
        }

        private static String aliases(String alias, int count) {
            return IntStream.range(0, count).mapToObj(i -> alias).collect(Collectors.joining(", "));
        }

        /** Levels of nine aliases, each aliasing the level before: the classic entity-expansion bomb. */
        private static String laughs(int levels) {
            StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (int level = 1; level < levels; level++) {
                char name = (char) ('a' + level);
                char previous = (char) (name - 1);
                String alias = "*" + previous;
                yaml.append(name).append(": &").append(name).append(" [").append(aliases(alias, 9)).append("]\n");
            }
            return yaml.toString();
        }
    }

    @Nested
    class Limits {

        @Test
        void nestingDeeperThanMaxDepthIsRejected() throws Exception {
            String yaml = "value: " + "[".repeat(70) + "]".repeat(70) + "\n";

            DescriptorParseException error = parseError(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 64, MAX_ALIASES), yaml);

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).containsIgnoringCase("nest");
            assertThat(parse(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 71, MAX_ALIASES), yaml)).hasSize(1);
        }

        @Test
        void nestingExactlyAtMaxDepthIsAccepted() throws Exception {
            // the document mapping is one level, the 63 sequences the other 63
            String yaml = "value: " + "[".repeat(63) + "leaf" + "]".repeat(63) + "\n";

            assertThat(parse(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 64, MAX_ALIASES), yaml)).hasSize(1);
            assertThat(parseError(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 63, MAX_ALIASES), yaml)).isNotNull();
        }

        @Test
        void anAliasCannotNestDeeperThanMaxDepth() throws Exception {
            // 39 levels anchored, then aliased inside 40 (the document mapping and 39 sequences): 79 once expanded
            String deep = "[".repeat(39) + "]".repeat(39);
            String yaml = "anchor: &deep " + deep + "\nuse: " + "[".repeat(39) + "*deep" + "]".repeat(39) + "\n";

            DescriptorParseException error = parseError(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 64, MAX_ALIASES), yaml);

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).containsIgnoringCase("nest");
            assertThat(parse(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 79, MAX_ALIASES), yaml)).hasSize(1);
        }

        @Test
        void moreThanMaxDocumentsIsRejectedAtTheFirstOneTooMany() throws Exception {
            String yaml = """
                    kind: A
                    ---
                    kind: B
                    ---
                    kind: C
                    """;

            DescriptorParseException error = parseError(new DescriptorParser(MAX_BYTES, 2, MAX_DEPTH, MAX_ALIASES), yaml);

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("more than 2 YAML documents");
            assertThat(error.line()).isEqualTo(5);
            assertThat(parse(new DescriptorParser(MAX_BYTES, 3, MAX_DEPTH, MAX_ALIASES), yaml)).hasSize(3);
        }

        @Test
        void emptyDocumentsDoNotCountAgainstMaxDocuments() throws Exception {
            String yaml = """
                    ---
                    kind: A
                    ---
                    ---
                    kind: B
                    ---
                    """;

            assertThat(parse(new DescriptorParser(MAX_BYTES, 2, MAX_DEPTH, MAX_ALIASES), yaml)).hasSize(2);
        }

        @Test
        void contentLongerThanMaxBytesIsRejected() throws Exception {
            String yaml = "description: " + "x".repeat(2_000) + "\n";

            DescriptorParseException error = parseError(new DescriptorParser(1_000, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES), yaml);

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("1000");
            assertThat(parse(new DescriptorParser(3_000, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES), yaml)).hasSize(1);
        }

        @Test
        void aBreakingLimitIsAParseErrorNotACrash() {
            assertThatThrownBy(() -> parse(new DescriptorParser(10, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES), "kind: Component\n"))
                    .isInstanceOf(DescriptorParseException.class);
        }
    }
}
