package io.catalog.graph.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Entities stitched on write (V14): every commit that changes what an entity shows appends its ref to
 * {@code stale_entities} (the writer, {@link EntityStore}, for the entities it writes and those their relation rows
 * start from; triggers for errors, orphaning, deletions and locations' read errors); {@link #stitch} assembles those
 * entities once from the live rows ({@link Stitching}) and stores the text in {@code served_entities}. Reads serve the
 * stored text of an entity no stale row names, and assemble the others as before, so they are exact whether the
 * stitcher is behind or not.
 */
@ApplicationScoped
public class ServedEntities {

    static final long STITCHER_LOCK_KEY = 0x63617473746974L; // "catstit"

    private final DataSource dataSource;
    private final Stitching stitching;
    private final ObjectMapper json;

    public ServedEntities(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
        this.stitching = new Stitching(json);
    }

    /**
     * Stitches the entities named by {@code max} stale rows, with every other stale row naming them, in one
     * transaction that sees one snapshot: a stale row is deleted only with a text assembled from at least what that
     * row's commit wrote (a commit after the snapshot leaves its own row, so its entity stays stale). One stitcher
     * at a time across replicas; returns the entities stitched, 0 when none was stale or another instance is
     * stitching.
     */
    public int stitch(int max) {
        Optional<AdvisoryLock> lock = AdvisoryLock.tryTake(dataSource, STITCHER_LOCK_KEY, "the stitcher lock");
        if (lock.isEmpty()) {
            return 0;
        }
        // taken before the transaction below starts, so its snapshot sees everything the previous holder committed
        try (AdvisoryLock held = lock.get(); Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                int stitched = stitch(c, max);
                c.commit();
                return stitched;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot stitch the served entities", e);
        }
    }

    private int stitch(Connection c, int max) throws SQLException {
        List<String> refs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT entity_ref FROM (SELECT entity_ref FROM stale_entities LIMIT ?) x")) {
            s.setInt(1, max);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    refs.add(rs.getString(1));
                }
            }
        }
        if (refs.isEmpty()) {
            return 0;
        }
        var named = c.createArrayOf("text", refs.toArray());
        List<String> servedRefs = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + Stitching.LIVE_COLUMNS + " FROM entities p WHERE p.entity_ref = ANY(?)")) {
            s.setArray(1, named);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    servedRefs.add(rs.getString(2));
                    texts.add(Json.write(json, stitching.assemble(rs)));
                }
            }
        }
        // an entity deleted since loses its text with the others; its ref may come back as a new row
        try (PreparedStatement s = c.prepareStatement("DELETE FROM served_entities WHERE entity_ref = ANY(?)")) {
            s.setArray(1, named);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO served_entities (entity_ref, entity_id, served) SELECT * FROM unnest(?::text[], ?::uuid[], ?::text[])")) {
            s.setArray(1, c.createArrayOf("text", servedRefs.toArray()));
            s.setArray(2, c.createArrayOf("uuid", ids.toArray()));
            s.setArray(3, c.createArrayOf("text", texts.toArray()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM stale_entities WHERE entity_ref = ANY(?)")) {
            s.setArray(1, named);
            s.executeUpdate();
        }
        return refs.size();
    }
}
