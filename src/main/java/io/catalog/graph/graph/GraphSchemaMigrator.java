package io.catalog.graph.graph;

import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Applies the {@code graph-schema/} files Neo4j has not seen yet, in version order, and records each as a
 * {@code (:SchemaMigration {version, description, checksum, appliedAt})} node so it runs once. Statements use
 * {@code IF NOT EXISTS}, so replicas starting together, or a run cut short, do no harm when repeated.
 */
public final class GraphSchemaMigrator {

    private static final Logger LOG = Logger.getLogger(GraphSchemaMigrator.class);

    /** What a run did: the versions it applied, and applied files whose content has changed since (not re-run). */
    public record Outcome(List<Integer> applied, List<Integer> changedSinceApplied) {
    }

    private final Driver driver;

    public GraphSchemaMigrator(Driver driver) {
        this.driver = driver;
    }

    public Outcome migrate(List<SchemaMigration> migrations) {
        Map<Integer, String> recorded = new HashMap<>();
        driver.executableQuery("MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum").execute()
                .records().forEach(r -> recorded.put(r.get("version").asInt(), r.get("checksum").asString()));
        List<Integer> applied = new ArrayList<>();
        List<Integer> changed = new ArrayList<>();
        for (SchemaMigration migration : migrations.stream().sorted(SchemaMigration.BY_VERSION).toList()) {
            String checksum = recorded.get(migration.version());
            if (checksum != null) {
                if (!checksum.equals(migration.checksum())) {
                    LOG.warnf("graph-schema V%d was changed after it was applied; it is not run again: add a new file instead",
                            migration.version());
                    changed.add(migration.version());
                }
                continue;
            }
            // each statement on its own, auto-committed: schema statements cannot share a transaction with writes, and
            // a file that rewrites data batches itself with CALL { … } IN TRANSACTIONS, which needs such a transaction
            try (Session session = driver.session()) {
                migration.statements().forEach(statement -> session.run(statement).consume());
            }
            driver.executableQuery("""
                    MERGE (m:SchemaMigration {version: $version})
                    SET m.description = $description, m.checksum = $checksum, m.appliedAt = datetime()""")
                    .withParameters(Map.of("version", migration.version(), "description", migration.description(),
                            "checksum", migration.checksum()))
                    .execute();
            applied.add(migration.version());
        }
        return new Outcome(applied, changed);
    }

    /** The migrations packaged under {@code graph-schema/} on the classpath (a folder in tests, the jar when packaged). */
    public static List<SchemaMigration> packaged() {
        URL folder = GraphSchemaMigrator.class.getClassLoader().getResource("graph-schema");
        if (folder == null) {
            return List.of();
        }
        try {
            URI uri = folder.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = openJar(uri)) {
                    return read(jar.provider().getPath(uri));
                }
            }
            return read(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read graph-schema/", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate graph-schema/ at " + folder, e);
        }
    }

    private static FileSystem openJar(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // someone else holds it open: copy what we need through a fresh view of the same jar
            String jarPath = uri.getSchemeSpecificPart().substring(0, uri.getSchemeSpecificPart().indexOf("!/"));
            return FileSystems.newFileSystem(Path.of(URI.create(jarPath)));
        }
    }

    private static List<SchemaMigration> read(Path folder) throws IOException {
        List<SchemaMigration> migrations = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".cypher")).toList()) {
                migrations.add(SchemaMigration.parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        migrations.sort(SchemaMigration.BY_VERSION);
        return migrations;
    }
}
