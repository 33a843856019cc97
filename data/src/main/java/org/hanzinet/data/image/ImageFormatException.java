package org.hanzinet.data.image;

import java.nio.file.Path;

/** An image file that cannot be used; the message names the file and what is wrong with it. */
public final class ImageFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Path file;

    public ImageFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
