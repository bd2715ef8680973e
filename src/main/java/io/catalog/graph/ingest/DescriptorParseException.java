package io.catalog.graph.ingest;

/** A descriptor file is not valid YAML or breaks a limit; {@code line} is 1-based, or -1 when unknown. */
public class DescriptorParseException extends Exception {

    private final int line;

    public DescriptorParseException(String message, int line) {
        super(line > 0 ? message + " (line " + line + ")" : message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
