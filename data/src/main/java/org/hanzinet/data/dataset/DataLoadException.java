package org.hanzinet.data.dataset;

/** A sample or batch that could not be prepared; the message names the sample and image. */
public final class DataLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
