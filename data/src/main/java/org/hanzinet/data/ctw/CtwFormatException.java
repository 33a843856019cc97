package org.hanzinet.data.ctw;

import java.nio.file.Path;

/** A CTW record that cannot be read; the message names the file, the 1-based line and the field. */
public final class CtwFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final long line;
    private final String field;

    public CtwFormatException(Path file, long line, String field, String problem, Throwable cause) {
        super(file + ":" + line + (field == null || field.isEmpty() ? "" : ": field " + field) + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public Path file() {
        return file;
    }

    public long line() {
        return line;
    }

    /** The JSON path of the bad field, e.g. {@code annotations[0][3].polygon[1]}, or empty for the whole line. */
    public String field() {
        return field;
    }
}
