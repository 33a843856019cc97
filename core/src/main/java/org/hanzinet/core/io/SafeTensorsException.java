package org.hanzinet.core.io;

import java.io.IOException;

/** A safetensors file that is malformed: the message names the file and, where it applies, the tensor. */
public final class SafeTensorsException extends IOException {
    private static final long serialVersionUID = 1L;

    public SafeTensorsException(String message) {
        super(message);
    }
}
