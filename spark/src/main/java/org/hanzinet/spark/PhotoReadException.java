package org.hanzinet.spark;

/** A worker could not read or decode a photo; the message names its URI. */
public final class PhotoReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PhotoReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
