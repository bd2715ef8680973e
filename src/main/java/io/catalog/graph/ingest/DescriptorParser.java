package io.catalog.graph.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a multi-document {@code catalog-info.yaml} into JSON trees, under limits that turn a hostile or broken
 * file into an error rather than exhausted memory: size, document count, nesting depth and alias count.
 */
public final class DescriptorParser {

    /** One YAML document and the line it starts on. */
    public record Document(JsonNode node, int line) {
    }

    private final ObjectMapper mapper;
    private final int maxDocuments;

    public DescriptorParser(int maxBytes, int maxDocuments, int maxDepth, int maxAliases) {
        LoaderOptions loader = new LoaderOptions();
        loader.setCodePointLimit(maxBytes);
        loader.setNestingDepthLimit(maxDepth);
        loader.setMaxAliasesForCollections(maxAliases);
        loader.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new YAMLMapper(factory);
        this.maxDocuments = maxDocuments;
    }

    /** @throws DescriptorParseException on invalid YAML or a broken limit, with the line where YAML says so */
    public List<Document> parse(byte[] content) throws DescriptorParseException {
        List<Document> documents = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(content)) {
            while (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                if (documents.size() == maxDocuments) {
                    throw new DescriptorParseException("more than " + maxDocuments
                            + " YAML documents in one file (catalog.limits.max-documents)", line);
                }
                JsonNode node = parser.currentToken() == JsonToken.VALUE_NULL ? null : mapper.readTree(parser);
                if (node != null && !node.isMissingNode() && !node.isNull()) {
                    documents.add(new Document(node, line));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new DescriptorParseException("invalid YAML: " + e.getOriginalMessage(), where == null ? -1 : where.getLineNr());
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports broken limits (aliases, depth, size) as unchecked exceptions
            throw new DescriptorParseException("invalid YAML: " + firstLine(e.getMessage()), -1);
        }
        return documents;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
