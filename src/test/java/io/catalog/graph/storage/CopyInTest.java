package io.catalog.graph.storage;

import io.catalog.graph.testing.CatalogTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes in through COPY comes back out of PostgreSQL exactly as given, whatever characters it holds. */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class CopyInTest {

    @Inject
    DataSource dataSource;

    @Test
    void valuesWithTheCharactersCopyReservesArriveUnchanged() throws SQLException {
        List<String> values = List.of("plain", "", "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash",
                "\\N", "\\", "\t\n\r\\ all at once, \\t escaped-looking", "ünïcödé ✓ \u0001 control", "ends with \\",
                "ascii first, then a rocket \uD83D\uDE80 and a tab\tafter it", "é", "x".repeat(20_000) + "ü", "y".repeat(70_000), "after the long ones");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE copy_in_test (n int, v text, w text) ON COMMIT DROP");
            }
            CopyIn rows = new CopyIn("copy_in_test (n, v, w)");
            for (int i = 0; i < values.size(); i++) {
                rows.value(i).value(values.get(i)).value(null).endRow();
            }
            rows.execute(c);
            List<String> read = new ArrayList<>(Arrays.asList(new String[values.size()]));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n, v, w FROM copy_in_test")) {
                while (rs.next()) {
                    assertThat(rs.getString(3)).as("null stays null").isNull();
                    read.set(rs.getInt(1), rs.getString(2));
                }
            }
            c.rollback();
            assertThat(read).containsExactlyElementsOf(values);
        }
    }
}
