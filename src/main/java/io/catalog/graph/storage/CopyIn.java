package io.catalog.graph.storage;

import org.postgresql.PGConnection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds rows in PostgreSQL's COPY text format and streams them in one round trip: several times faster than
 * batched INSERTs for the thousands of relation and search rows a large location produces.
 */
final class CopyIn {

    /**
     * Rows are kept in chunks of this size rather than one array doubled as it grows: a location's search rows come
     * to a megabyte or more, and arrays past half of G1's region size are allocated outside the young generation.
     * The chunks are sent one after the other, so where one ends does not matter, even inside a value.
     */
    private static final int CHUNK = 64 * 1024;

    /** A chunk that is full, or was closed early because the next value did not fit. */
    private record Chunk(byte[] bytes, int length) {
    }

    private final String table;
    private final List<Chunk> filled = new ArrayList<>();
    private byte[] rows = new byte[8192];
    private int length;
    private boolean lineStarted;
    private int count;

    /** @param table table name with its column list, e.g. {@code search (entity_id, key, value)} */
    CopyIn(String table) {
        this.table = table;
    }

    CopyIn value(Object value) {
        if (lineStarted) {
            put((byte) '\t');
        }
        lineStarted = true;
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
            return this;
        }
        // rows are built as the UTF-8 the server reads, not as text encoded again on the way: most values are ASCII
        // without a character COPY's text format reserves, and are copied byte for byte
        String text = value.toString();
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                escaped(text, i);
                return this;
            }
            rows[length++] = (byte) c;
        }
        return this;
    }

    /** The rest of {@code text} from {@code from}, with reserved characters escaped and encoded as UTF-8. */
    private void escaped(String text, int from) {
        StringBuilder rest = new StringBuilder(text.length() - from + 8);
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> rest.append("\\\\");
                case '\t' -> rest.append("\\t");
                case '\n' -> rest.append("\\n");
                case '\r' -> rest.append("\\r");
                default -> rest.append(c);
            }
        }
        byte[] utf8 = rest.toString().getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, rows, length, utf8.length);
        length += utf8.length;
    }

    CopyIn endRow() {
        put((byte) '\n');
        lineStarted = false;
        count++;
        return this;
    }

    private void put(byte b) {
        ensure(1);
        rows[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > rows.length) {
            filled.add(new Chunk(rows, length));
            rows = new byte[Math.max(CHUNK, more)];
            length = 0;
        }
    }

    void execute(Connection connection) throws SQLException {
        if (count == 0) {
            return;
        }
        org.postgresql.copy.CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " FROM STDIN");
        try {
            for (Chunk chunk : filled) {
                copy.writeToCopy(chunk.bytes(), 0, chunk.length());
            }
            copy.writeToCopy(rows, 0, length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
