package org.hanzinet.spark;

/**
 * A Spark training run stopped: one line naming the cause (master, photo, worker memory, diverged loss)
 * and which checkpoint is kept.
 */
public final class SparkTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SparkTrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
