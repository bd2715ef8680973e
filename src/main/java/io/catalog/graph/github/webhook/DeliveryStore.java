package io.catalog.graph.github.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code github_deliveries} table. A delivery is inserted once per {@code X-GitHub-Delivery} (a redelivery finds
 * its row and inserts nothing), then claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so replicas share the
 * work without processing a delivery twice and a crashed replica's claims are taken over when their lease runs out.
 */
@ApplicationScoped
public class DeliveryStore {

    /** Claimable: pending and due, or held by a claim whose lease ran out. */
    private static final String CLAIMABLE = "(status = 'pending' AND next_attempt_at <= now())"
            + " OR (status = 'processing' AND claimed_until < now())";
    private static final int MAX_TEXT = 2000;

    private final DataSource dataSource;

    public DeliveryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a delivery; false when one with this id was stored before (a redelivery). Committed on return. */
    public boolean insert(String id, String event, String hookId, byte[] payload) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO github_deliveries (delivery_id, event, hook_id, payload)"
                     + " VALUES (?, ?, ?, ?) ON CONFLICT (delivery_id) DO NOTHING")) {
            s.setString(1, id);
            s.setString(2, event);
            s.setString(3, hookId);
            s.setBytes(4, payload);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("storing GitHub delivery " + id + " failed: " + e.getMessage(), e);
        }
    }

    /** Claims up to {@code limit} deliveries, oldest first, for {@code lease}. */
    public List<Delivery> claim(int limit, Duration lease) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE github_deliveries d SET status = 'processing', attempts = attempts + 1,"
                     + " claimed_until = now() + make_interval(secs => ?)"
                     + " FROM (SELECT delivery_id FROM github_deliveries WHERE " + CLAIMABLE
                     + " ORDER BY received_at, delivery_id LIMIT ? FOR UPDATE SKIP LOCKED) due"
                     + " WHERE d.delivery_id = due.delivery_id"
                     + " RETURNING d.delivery_id, d.event, d.received_at, d.payload, d.attempts")) {
            s.setDouble(1, lease.toMillis() / 1000.0);
            s.setInt(2, limit);
            List<Delivery> claimed = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Delivery(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBytes(4), rs.getInt(5)));
                }
            }
            claimed.sort(java.util.Comparator.comparing(Delivery::receivedAt).thenComparing(Delivery::id));
            return claimed;
        }
    }

    /** Processed: what it did (or why it was ignored) is the note. */
    public void done(String id, String note) throws SQLException {
        update("UPDATE github_deliveries SET status = 'done', note = ?, error = NULL, claimed_until = NULL, processed_at = now()"
                + " WHERE delivery_id = ? AND status = 'processing'", truncate(note), id);
    }

    /** Tried and failed: pending again after {@code retryAfter}, or failed for good when {@code last}. */
    public void failed(String id, String error, Duration retryAfter, boolean last) throws SQLException {
        if (last) {
            update("UPDATE github_deliveries SET status = 'failed', error = ?, claimed_until = NULL, processed_at = now()"
                    + " WHERE delivery_id = ? AND status = 'processing'", truncate(error), id);
        } else {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement s = c.prepareStatement("UPDATE github_deliveries SET status = 'pending', error = ?, claimed_until = NULL,"
                         + " next_attempt_at = now() + make_interval(secs => ?) WHERE delivery_id = ? AND status = 'processing'")) {
                s.setString(1, truncate(error));
                s.setDouble(2, retryAfter.toMillis() / 1000.0);
                s.setString(3, id);
                s.executeUpdate();
            }
        }
    }

    /** Forgets deliveries processed (or given up on) longer than {@code retention} ago; returns how many. */
    public int prune(Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM github_deliveries WHERE status IN ('done', 'failed')"
                     + " AND processed_at < now() - make_interval(secs => ?)")) {
            s.setDouble(1, retention.toMillis() / 1000.0);
            return s.executeUpdate();
        }
    }

    private void update(String sql, String text, String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, text);
            s.setString(2, id);
            s.executeUpdate();
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
