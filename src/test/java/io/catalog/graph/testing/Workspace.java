package io.catalog.graph.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A private folder of descriptor files for one test, inside the workspace the catalog may read. */
public final class Workspace {

    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    public static Workspace create(String name) {
        try {
            return new Workspace(Files.createDirectories(CatalogTestResource.WORKSPACE.resolve(name + "-" + UUID.randomUUID())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    public Path write(String relativePath, String content) {
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete(String relativePath) {
        try {
            Files.deleteIfExists(root.resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code file:} location string of a file in this workspace. */
    public String location(String relativePath) {
        return "file:" + root.resolve(relativePath);
    }
}
