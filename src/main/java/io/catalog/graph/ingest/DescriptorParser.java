package io.catalog.graph.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a multi-document {@code catalog-info.yaml} into JSON trees, under limits that turn a hostile or broken
 * file into an error rather than exhausted memory: size, document count, nesting depth, aliases, expanded size.
 *
 * <p>Plain scalars are typed by the YAML 1.2 core schema (as Backstage's YAML reader does), so {@code no},
 * {@code on} or {@code 0755} stay what a 1.2 reader makes of them; quoted scalars are always strings. Aliases are
 * expanded, within the limits.
 */
public final class DescriptorParser {

    /** One YAML document and the line it starts on. */
    public record Document(JsonNode node, int line) {
    }

    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private final int maxBytes;
    private final int maxDocuments;
    private final int maxDepth;
    private final int maxAliases;
    private final long maxExpandedBytes;

    public DescriptorParser(int maxBytes, int maxDocuments, int maxDepth, int maxAliases, long maxExpandedBytes) {
        this.maxBytes = maxBytes;
        this.maxDocuments = maxDocuments;
        this.maxDepth = maxDepth;
        this.maxAliases = maxAliases;
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /** A fresh budget for one location: its file and everything its placeholders bring in. */
    public ExpansionBudget newBudget() {
        return new ExpansionBudget(maxExpandedBytes);
    }

    /** Parses a file on its own budget. */
    public List<Document> parse(byte[] content) throws DescriptorParseException {
        return parse(content, newBudget());
    }

    /**
     * Parses {@code content}, spending from {@code expansion} the bytes of what it expands into.
     *
     * @throws DescriptorParseException on invalid YAML or a broken limit, with the line where YAML says so
     */
    public List<Document> parse(byte[] content, ExpansionBudget expansion) throws DescriptorParseException {
        if (content.length > maxBytes) {
            throw new DescriptorParseException("the file is larger than " + maxBytes + " bytes (catalog.limits.max-bytes)", -1);
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(maxBytes, 1));
        options.setNestingDepthLimit(maxDepth);
        // SnakeYAML counts aliases across the whole file; the limit is per document, counted by Expansion
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(new Constructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
                new UntypedScalars());
        List<Document> documents = new ArrayList<>();
        Expansion walk = new Expansion(expansion);
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8)) {
            for (Node node : yaml.composeAll(reader)) {
                int line = line(node);
                walk.startDocument();
                JsonNode json = walk.toJson(node, 0, false, line);
                if (json.isNull()) {
                    continue; // an empty document (a leading or trailing ---) does not count
                }
                if (documents.size() == maxDocuments) {
                    throw new DescriptorParseException("more than " + maxDocuments
                            + " YAML documents in one file (catalog.limits.max-documents)", line);
                }
                documents.add(new Document(json, line));
            }
        } catch (DescriptorParseException e) {
            throw e;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new DescriptorParseException("invalid YAML: " + describe(e), mark == null ? -1 : mark.getLine() + 1);
        } catch (Exception | StackOverflowError e) {
            // SnakeYAML reports broken limits (aliases, depth, size) as plain runtime exceptions
            throw new DescriptorParseException("invalid YAML: " + firstLine(e.getMessage()), -1);
        }
        return documents;
    }

    /**
     * Turns composed YAML into JSON, spending the expansion budget as it goes. SnakeYAML's composer hands an alias
     * over as the very node its anchor marks, so a node met again within a document is an alias being expanded.
     */
    private final class Expansion {
        /** Every value costs at least this, so aliases of empty collections are not free (JSON needs as much). */
        private static final int NODE_BYTES = 2;

        private final ExpansionBudget budget;
        private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Scalars already converted: an alias reuses the value (immutable) instead of typing it again. */
        private final Map<ScalarNode, Scalar> scalars = new IdentityHashMap<>();
        private int aliases;

        Expansion(ExpansionBudget budget) {
            this.budget = budget;
        }

        void startDocument() {
            seen.clear();
            scalars.clear();
            aliases = 0;
        }

        /**
         * @param expanding whether {@code node} is inside an alias being expanded
         * @param site      the line of the nearest node written where it stands: aliases carry no position of their own
         */
        JsonNode toJson(Node node, int depth, boolean expanding, int site) throws DescriptorParseException {
            boolean alias = !seen.add(node);
            int line = alias || expanding ? site : line(node);
            spend(node, alias, expanding, line, NODE_BYTES);
            if (depth > maxDepth) {
                throw new DescriptorParseException("YAML nested deeper than " + maxDepth + " levels (catalog.limits.max-depth)", line(node));
            }
            JsonNodeFactory factory = JsonNodeFactory.instance;
            if (node instanceof MappingNode mapping) {
                ObjectNode object = factory.objectNode();
                for (NodeTuple tuple : mapping.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                        throw new DescriptorParseException("invalid YAML: mapping keys must be plain values", line(tuple.getKeyNode()));
                    }
                    if (key.getValue().equals("<<")) {
                        throw new DescriptorParseException("invalid YAML: merge keys (<<) are not supported", line(key));
                    }
                    if (object.has(key.getValue())) {
                        throw new DescriptorParseException("invalid YAML: duplicate key '" + key.getValue() + "'", line(key));
                    }
                    // a key is a name, not a value: its bytes count, no more
                    spend(key, !seen.add(key), alias || expanding, line, 0);
                    object.set(key.getValue(), toJson(tuple.getValueNode(), depth + 1, alias || expanding, line));
                }
                return object;
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = factory.arrayNode();
                for (Node element : sequence.getValue()) {
                    array.add(toJson(element, depth + 1, alias || expanding, line));
                }
                return array;
            }
            return scalar((ScalarNode) node).value();
        }

        private Scalar scalar(ScalarNode node) {
            return scalars.computeIfAbsent(node, n -> new Scalar(DescriptorParser.scalar(n), utf8Length(n.getValue())));
        }

        /**
         * A collection alias counts wherever it is expanded, with the collections inside it, so nested aliases cannot
         * multiply unseen; a scalar alias counts where it is written (its bytes count every time, which bounds it).
         */
        private void spend(Node node, boolean alias, boolean expanding, int line, int overhead) throws DescriptorParseException {
            if (alias && (!(node instanceof ScalarNode) || !expanding) && ++aliases > maxAliases) {
                throw new DescriptorParseException("more than " + maxAliases + " YAML aliases in one document, counting"
                        + " the aliases inside aliased content (catalog.limits.max-aliases)", line);
            }
            long bytes = overhead + (node instanceof ScalarNode value ? scalar(value).bytes() : 0);
            if (!budget.spend(bytes)) {
                throw new DescriptorParseException(budget.exceeded(), line);
            }
        }
    }

    private record Scalar(JsonNode value, long bytes) {
    }

    /** What {@code text} takes in UTF-8, without encoding it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** YAML 1.2 core schema for plain scalars; anything quoted is a string. */
    private static JsonNode scalar(ScalarNode scalar) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        String text = scalar.getValue();
        if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN || !mayBeTyped(text)) {
            return factory.textNode(text);
        }
        if (NULL.matcher(text).matches()) {
            return factory.nullNode();
        }
        if (TRUE.matcher(text).matches()) {
            return factory.booleanNode(true);
        }
        if (FALSE.matcher(text).matches()) {
            return factory.booleanNode(false);
        }
        if (INT.matcher(text).matches()) {
            return factory.numberNode(new BigInteger(text.startsWith("+") ? text.substring(1) : text));
        }
        if (OCTAL.matcher(text).matches()) {
            return factory.numberNode(new BigInteger(text.substring(2), 8));
        }
        if (HEX.matcher(text).matches()) {
            return factory.numberNode(new BigInteger(text.substring(2), 16));
        }
        if (FLOAT.matcher(text).matches()) {
            return factory.numberNode(new BigDecimal(text.startsWith("+") ? text.substring(1) : text));
        }
        return factory.textNode(text);
    }

    /**
     * Whether the first character allows a null, boolean or number: most plain scalars (names, refs, descriptions)
     * start with a letter that none of them can, and skip the seven patterns (a tenth of a first load's allocations).
     */
    private static boolean mayBeTyped(String text) {
        return text.isEmpty() || "~nNtTfF+-.0123456789".indexOf(text.charAt(0)) >= 0;
    }

    /**
     * SnakeYAML's own typing of plain scalars (YAML 1.1: {@code yes}, {@code on}, {@code 0755}, …) is not used: the
     * scalars are typed above by the 1.2 core schema, and keeping its patterns off saves matching every scalar twice.
     */
    private static final class UntypedScalars extends Resolver {
        @Override
        protected void addImplicitResolvers() {
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? -1 : node.getStartMark().getLine() + 1;
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getMessage());
        return e.getContext() != null ? e.getContext() + ", " + problem : problem;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
