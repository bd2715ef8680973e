package io.catalog.graph.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * The database refused or failed an operation. {@link #unavailable()} tells an outage (try again later) from a
 * defect; neither ever means data is gone.
 */
public class StorageException extends RuntimeException {

    private final boolean unavailable;

    public StorageException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.unavailable = isOutage(cause);
    }

    public boolean unavailable() {
        return unavailable;
    }

    private static boolean isOutage(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
