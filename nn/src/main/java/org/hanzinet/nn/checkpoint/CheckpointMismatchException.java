package org.hanzinet.nn.checkpoint;

import java.io.IOException;

/** A checkpoint that does not fit the model or optimiser it is loaded into; the message names the tensor. */
public final class CheckpointMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    public CheckpointMismatchException(String message) {
        super(message);
    }
}
