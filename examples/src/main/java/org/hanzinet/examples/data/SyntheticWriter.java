package org.hanzinet.examples.data;

import java.nio.file.Path;

/** Bridge to the data module's synthetic generator. */
final class SyntheticWriter {
    private SyntheticWriter() {}

    static void write(Path dir, int count, int size, long seed) {
        throw new UnsupportedOperationException("synthetic generator not integrated yet");
    }
}
