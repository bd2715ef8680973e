package io.catalog.graph.github;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One provider's stored GitHub answers in PostgreSQL ({@code github_http_cache}), so conditional requests survive a
 * restart and are shared by replicas: a fresh instance's first scan of an unchanged organisation is 304s too.
 * A cache failure never fails a GitHub call: the request just goes out unconditional.
 */
final class JdbcHttpCache implements ConditionalRequests.Cache {

    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final String provider;

    JdbcHttpCache(DataSource dataSource, ObjectMapper json, String provider) {
        this.dataSource = dataSource;
        this.json = json;
        this.provider = provider;
    }

    @Override
    public Optional<ConditionalRequests.Entry> get(String url) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT etag, body, headers FROM github_http_cache WHERE provider = ? AND url = ?")) {
            s.setString(1, provider);
            s.setString(2, url);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                headers.putAll(json.readValue(rs.getString(3), HEADERS));
                return Optional.of(new ConditionalRequests.Entry(rs.getString(1), gunzip(rs.getBytes(2)), headers));
            }
        } catch (SQLException | IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String url, ConditionalRequests.Entry entry) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO github_http_cache (provider, url, etag, body, headers)"
                     + " VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (provider, url) DO UPDATE"
                     + " SET etag = EXCLUDED.etag, body = EXCLUDED.body, headers = EXCLUDED.headers, stored_at = now()")) {
            s.setString(1, provider);
            s.setString(2, url);
            s.setString(3, entry.etag());
            s.setBytes(4, gzip(entry.body()));
            s.setString(5, json.writeValueAsString(entry.headers()));
            s.executeUpdate();
        } catch (SQLException | IOException e) {
            // not stored: the next request for this URL is unconditional, nothing worse
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] stored) throws IOException {
        try (GZIPInputStream zip = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            return zip.readAllBytes();
        }
    }
}
