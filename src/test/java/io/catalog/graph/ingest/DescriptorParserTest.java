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
    private static final long MAX_EXPANDED_BYTES = 2L * MAX_BYTES;

    private static final DescriptorParser DEFAULTS = new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES, MAX_EXPANDED_BYTES);

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
        void everyFormOfTheCoreSchemaIsTypedAndWordsThatOnlyLookLikeOneStayStrings() throws Exception {
            JsonNode node = parse("""
                    a: null
                    b: Null
                    c: NULL
                    d: True
                    e: FALSE
                    f: -3
                    g: +4
                    h: 0o17
                    i: 0x1F
                    j: .5
                    k: -.5e3
                    l: 1e3
                    m: nullish
                    n: Truthy
                    o: 0x
                    p: +
                    q: ~x
                    """).get(0).node();

            assertThat(List.of("a", "b", "c")).allSatisfy(key -> assertThat(node.get(key).isNull()).as(key).isTrue());
            assertThat(node.get("d").booleanValue()).isTrue();
            assertThat(node.get("e").isBoolean()).isTrue();
            assertThat(node.get("f").asInt()).isEqualTo(-3);
            assertThat(node.get("g").asInt()).isEqualTo(4);
            assertThat(node.get("h").asInt()).isEqualTo(15);
            assertThat(node.get("i").asInt()).isEqualTo(31);
            assertThat(node.get("j").asDouble()).isEqualTo(0.5);
            assertThat(node.get("k").asDouble()).isEqualTo(-500);
            assertThat(node.get("l").isNumber()).isTrue();
            assertThat(List.of("m", "n", "o", "p", "q")).allSatisfy(key -> assertThat(node.get(key).isTextual()).as(key).isTrue());
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
            JsonNode node = parse(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, MAX_DEPTH, 60, MAX_EXPANDED_BYTES), yaml).get(0).node();
            assertThat(node.get("many")).hasSize(60);
            assertThat(node.at("/many/59/1").asText()).isEqualTo("lol");
        }

        @Test
        void raisingTheAliasLimitStillDoesNotLetTheBombExplode() {
            assertThat(parseError(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, MAX_DEPTH, 1_000_000, MAX_EXPANDED_BYTES), laughs(9)))
                    .isNotNull();
        }

        @Test
        void theAliasLimitCountsPerDocument() throws Exception {
            String thirtyAliases = "x: &x [1]\nuses: [" + aliases("*x", 30) + "]\n";

            assertThat(parse(thirtyAliases + "---\n" + thirtyAliases)).hasSize(2);
        }

        static String aliases(String alias, int count) {
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
    class ExpandedSize {

        /** A 100 KB scalar anchored once, then a list of {@code aliases} aliases to it, starting on line 3. */
        private static String scalarBomb(int aliases) {
            return "big: &big \"" + "x".repeat(100_000) + "\"\nmany:\n" + "  - *big\n".repeat(aliases);
        }

        @Test
        void aliasesOfAScalarCountAgainstMaxAliases() throws Exception {
            String fifty = "owner: &owner team-a\nothers: [" + Aliases.aliases("*owner", 50) + "]\n";
            String fiftyOne = "owner: &owner team-a\nothers: [" + Aliases.aliases("*owner", 51) + "]\n";

            assertThat(parse(fifty).get(0).node().at("/others/49").asText()).isEqualTo("team-a");
            DescriptorParseException error = parseError(DEFAULTS, fiftyOne);
            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("more than 50 YAML aliases").contains("catalog.limits.max-aliases");
        }

        @Test
        void aHundredKilobyteScalarAliasedAThousandTimesIsRejectedNotExpanded() {
            DescriptorParseException byAliases = parseError(DEFAULTS, scalarBomb(1_000));
            DescriptorParseException bySize = parseError(
                    new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, MAX_DEPTH, 1_000_000, MAX_EXPANDED_BYTES), scalarBomb(1_000));

            assertThat(byAliases).isNotNull();
            assertThat(byAliases.getMessage()).contains("catalog.limits.max-aliases");
            assertThat(bySize).isNotNull();
            assertThat(bySize.getMessage()).contains("more than " + MAX_EXPANDED_BYTES + " bytes")
                    .contains("catalog.limits.max-expanded-bytes");
            assertThat(bySize.line()).isEqualTo(3);
        }

        @Test
        void theExpandedSizeIsCountedAcrossTheWholeFile() throws Exception {
            // each document expands to about 210 KB on its own: one fits in 300 KB, two do not
            String document = "big: &big \"" + "x".repeat(10_000) + "\"\nmany: [" + Aliases.aliases("*big", 20) + "]\n";
            DescriptorParser parser = new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES, 300_000);

            assertThat(parse(parser, document)).hasSize(1);
            DescriptorParseException error = parseError(parser, document + "---\n" + document);
            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("catalog.limits.max-expanded-bytes");
            assertThat(error.line()).isEqualTo(5);
        }

        @Test
        void raisingMaxExpandedBytesLetsALargerExpansionThrough() throws Exception {
            String yaml = scalarBomb(40);

            assertThat(parseError(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES, 4_000_000), yaml))
                    .isNotNull();
            assertThat(parse(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES, 4_200_000), yaml)
                    .get(0).node().get("many")).hasSize(40);
        }

        @Test
        void aFileWithoutAliasesNeverReachesTwiceMaxBytes() throws Exception {
            // the densest shapes YAML has: every value costs at least its own bytes of the file, escapes grow 2 to 3
            int size = 20_000;
            DescriptorParser parser = new DescriptorParser(size, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES, 2L * size);
            List<String> files = List.of(
                    "text: " + "a".repeat(size - 10) + "\n",
                    "-\n".repeat(size / 2),
                    "[" + Aliases.aliases("a", size / 2 - 2).replace(" ", "") + "]\n",
                    "[" + Aliases.aliases("[]", size / 3 - 2).replace(" ", "") + "]\n",
                    "{" + IntStream.range(0, size / 7).mapToObj(i -> Integer.toString(i, 36) + "k").collect(Collectors.joining(",")) + "}\n",
                    "\"" + "\\L".repeat(size / 2 - 2) + "\"\n");

            for (String file : files) {
                assertThat(file.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(size);
                assertThat(parse(parser, file)).hasSize(1);
            }
        }

        @Test
        void aliasedContentCountsItsCollectionsNotEachOfItsValuesAgain() throws Exception {
            // reusing one block of sixty settings is one alias, not sixty-one
            String settings = IntStream.range(0, 60).mapToObj(i -> "  key" + i + ": value" + i + "\n").collect(Collectors.joining());
            String yaml = "defaults: &defaults\n" + settings + "copy: *defaults\n";

            assertThat(parse(yaml).get(0).node().at("/copy/key59").asText()).isEqualTo("value59");
        }
    }

    @Nested
    class Limits {

        @Test
        void nestingDeeperThanMaxDepthIsRejected() throws Exception {
            String yaml = "value: " + "[".repeat(70) + "]".repeat(70) + "\n";

            DescriptorParseException error = parseError(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 64, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml);

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).containsIgnoringCase("nest");
            assertThat(parse(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 71, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml)).hasSize(1);
        }

        @Test
        void nestingExactlyAtMaxDepthIsAccepted() throws Exception {
            // the document mapping is one level, the 63 sequences the other 63
            String yaml = "value: " + "[".repeat(63) + "leaf" + "]".repeat(63) + "\n";

            assertThat(parse(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 64, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml)).hasSize(1);
            assertThat(parseError(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 63, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml)).isNotNull();
        }

        @Test
        void anAliasCannotNestDeeperThanMaxDepth() throws Exception {
            // 39 levels anchored, then aliased inside 40 (the document mapping and 39 sequences): 79 once expanded
            String deep = "[".repeat(39) + "]".repeat(39);
            String yaml = "anchor: &deep " + deep + "\nuse: " + "[".repeat(39) + "*deep" + "]".repeat(39) + "\n";

            DescriptorParseException error = parseError(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 64, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml);

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).containsIgnoringCase("nest");
            assertThat(parse(new DescriptorParser(MAX_BYTES, MAX_DOCUMENTS, 79, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml)).hasSize(1);
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

            DescriptorParseException error = parseError(new DescriptorParser(MAX_BYTES, 2, MAX_DEPTH, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml);

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("more than 2 YAML documents");
            assertThat(error.line()).isEqualTo(5);
            assertThat(parse(new DescriptorParser(MAX_BYTES, 3, MAX_DEPTH, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml)).hasSize(3);
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

            assertThat(parse(new DescriptorParser(MAX_BYTES, 2, MAX_DEPTH, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml)).hasSize(2);
        }

        @Test
        void contentLongerThanMaxBytesIsRejected() throws Exception {
            String yaml = "description: " + "x".repeat(2_000) + "\n";

            DescriptorParseException error = parseError(new DescriptorParser(1_000, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml);

            assertThat(error).isNotNull();
            assertThat(error.getMessage()).contains("1000");
            assertThat(parse(new DescriptorParser(3_000, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES, MAX_EXPANDED_BYTES), yaml)).hasSize(1);
        }

        @Test
        void aBreakingLimitIsAParseErrorNotACrash() {
            assertThatThrownBy(() -> parse(new DescriptorParser(10, MAX_DOCUMENTS, MAX_DEPTH, MAX_ALIASES, MAX_EXPANDED_BYTES), "kind: Component\n"))
                    .isInstanceOf(DescriptorParseException.class);
        }
    }
}
