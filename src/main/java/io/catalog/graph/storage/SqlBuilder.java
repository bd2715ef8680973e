package io.catalog.graph.storage;

import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameters collected while SQL text is assembled in any order: {@link #param} returns a numbered marker, and
 * {@link #prepare} turns markers into {@code ?} and binds values in the order the markers appear in the text.
 */
final class SqlBuilder {

    private static final Pattern MARKER = Pattern.compile("\u0001(\\d+)\u0001");
    private final List<Object> parameters = new ArrayList<>();

    String param(Object value) {
        parameters.add(value);
        return "\u0001" + (parameters.size() - 1) + "\u0001";
    }

    /**
     * The statement, bound, stopped by the driver when it runs longer than {@code timeoutSeconds} (0: never). Its plan
     * may be reused across values: for lookups by key, whose best plan does not depend on the value.
     */
    PreparedStatement prepare(Connection c, String text, int timeoutSeconds) throws SQLException {
        return prepare(c, text, timeoutSeconds, false);
    }

    /**
     * As {@link #prepare}, but planned for its values every time it runs: for filters, whose best plan depends on how
     * many entities a value matches. After five runs the driver would otherwise switch to a server-side statement
     * with a generic plan, blind to that (measured at 100k: the list page for {@code kind=component,spec.type=service}
     * took 132 ms with the generic plan, 10 ms planned for its values).
     */
    PreparedStatement prepareForValues(Connection c, String text, int timeoutSeconds) throws SQLException {
        return prepare(c, text, timeoutSeconds, true);
    }

    private PreparedStatement prepare(Connection c, String text, int timeoutSeconds, boolean forValues) throws SQLException {
        List<Object> ordered = new ArrayList<>();
        Matcher marker = MARKER.matcher(text);
        StringBuilder sql = new StringBuilder();
        while (marker.find()) {
            ordered.add(parameters.get(Integer.parseInt(marker.group(1))));
            marker.appendReplacement(sql, "?");
        }
        marker.appendTail(sql);
        PreparedStatement s = c.prepareStatement(sql.toString());
        try {
            if (forValues) {
                s.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            s.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < ordered.size(); i++) {
                Object value = ordered.get(i);
                if (value instanceof String[] array) {
                    s.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    s.setObject(i + 1, value);
                }
            }
            return s;
        } catch (SQLException e) {
            s.close();
            throw e;
        }
    }
}
