package io.catalog.graph.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * The database refused or failed an operation. {@link #unavailable()} tells an outage (try again later) from a
 * defect, {@link #timedOut()} a statement stopped for running too long; none ever means data is gone.
 */
public class StorageException extends RuntimeException {

    /** PostgreSQL's query_canceled: what a statement stopped by its timeout fails with. */
    private static final String QUERY_CANCELED = "57014";

    private final boolean unavailable;
    private final boolean timedOut;

    public StorageException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.unavailable = isOutage(cause);
        this.timedOut = cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState());
    }

    public boolean unavailable() {
        return unavailable;
    }

    /** The statement ran past its timeout and was stopped; the same request may succeed when the load is lower. */
    public boolean timedOut() {
        return timedOut;
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
