package io.catalog.graph.model;

/**
 * One thing that went wrong while reading or processing a location, in terms a user can act on.
 *
 * @param name      Backstage's error name: InputError (bad content), NotFoundError, ConflictError, ReadError
 * @param entityRef the entity concerned, when it could be identified
 * @param line      1-based line in the descriptor, when known
 */
public record ProcessingError(String name, String message, String entityRef, Integer line) {

    /** The name of an error reading the source at all, as opposed to content that was read and found wrong. */
    public static final String READ_ERROR = "ReadError";

    public ProcessingError {
        message = storable(message);
    }

    /** Messages quote what was read; what PostgreSQL text cannot hold is shown escaped, so the error itself stores. */
    private static String storable(String text) {
        if (text == null || text.chars().noneMatch(c -> c == 0 || Character.isSurrogate((char) c))) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                out.append("\\0");
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static ProcessingError input(String message, String entityRef, Integer line) {
        return new ProcessingError("InputError", message, entityRef, line);
    }

    public static ProcessingError read(String message) {
        return new ProcessingError(READ_ERROR, message, null, null);
    }

    public static ProcessingError conflict(String message, String entityRef) {
        return new ProcessingError("ConflictError", message, entityRef, null);
    }
}
