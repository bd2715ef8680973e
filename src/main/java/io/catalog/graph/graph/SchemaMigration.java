package io.catalog.graph.graph;

import io.catalog.graph.model.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned Cypher file of {@code graph-schema/}: {@code V<version>__<description>.cypher}, statements separated
 * by {@code ;}, lines starting with {@code //} are comments. Pure parsing; {@link GraphSchemaMigrator} applies them.
 */
public record SchemaMigration(int version, String description, List<String> statements, String checksum) {

    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.cypher");

    public static final Comparator<SchemaMigration> BY_VERSION = Comparator.comparingInt(SchemaMigration::version);

    /** @throws IllegalArgumentException for a file name that is not {@code V<n>__<description>.cypher} */
    public static SchemaMigration parse(String fileName, String content) {
        Matcher name = NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalArgumentException("graph-schema file " + fileName + " is not named V<version>__<description>.cypher");
        }
        StringBuilder code = new StringBuilder();
        content.lines().filter(line -> !line.strip().startsWith("//")).forEach(line -> code.append(line).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return new SchemaMigration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), List.copyOf(statements),
                Hashing.sha256(content.getBytes(StandardCharsets.UTF_8)));
    }
}
