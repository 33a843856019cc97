package org.hanzinet.data.ctw;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a file one line at a time as bytes and decodes each line on its own, strictly as UTF-8, so that a
 * bad byte is reported on its true line (a {@code BufferedReader} decodes thousands of characters ahead
 * and fails on whichever line it happens to be reading). Lines end at {@code \n}; a trailing {@code \r}
 * and a UTF-8 byte-order mark at the start of the file are dropped.
 */
final class Utf8Lines implements Closeable {
    /** Longest line accepted; a CTW line is a few hundred kilobytes at most. */
    static final int MAX_LINE_BYTES = 64 << 20;

    /** A line that is not UTF-8 text; the message says which byte or character, counted from 1. */
    static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String problem) {
            super(problem);
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[1 << 12];
    private int lineLen;
    private long lineNumber;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The 1-based number of the last line returned (or failed), 0 before the first. */
    long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or null at the end of the file. */
    String next() throws IOException, BadLine {
        if (!fillLine()) {
            return null;
        }
        lineNumber++;
        int start = lineNumber == 1 && lineLen >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF ? 3 : 0;
        int end = lineLen > start && line[lineLen - 1] == '\r' ? lineLen - 1 : lineLen;
        ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
        CharBuffer chars = CharBuffer.allocate(end - start); // UTF-8 never gives more chars than bytes
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (r.isError()) {
            int at = bytes.position();
            throw new BadLine(String.format("byte 0x%02X at byte %d of line %d is not UTF-8 text", line[at] & 0xFF,
                    at - start + 1, lineNumber));
        }
        decoder.flush(chars);
        for (int i = 0; i < chars.position(); i++) {
            char c = chars.get(i);
            if (c < 0x20 && c != '\t') {
                throw new BadLine(String.format("control character U+%04X at character %d of line %d: binary data, "
                        + "not text", (int) c, i + 1, lineNumber));
            }
        }
        return chars.flip().toString();
    }

    /** Copies the bytes up to the next {@code \n} into {@link #line}; false at the end of the file. */
    private boolean fillLine() throws IOException {
        lineLen = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkLen) {
                chunkLen = in.read(chunk);
                chunkPos = 0;
                if (chunkLen <= 0) {
                    chunkLen = 0;
                    return any;
                }
            }
            any = true;
            int nl = chunkPos;
            while (nl < chunkLen && chunk[nl] != '\n') {
                nl++;
            }
            append(chunkPos, nl - chunkPos);
            if (nl < chunkLen) {
                chunkPos = nl + 1;
                return true;
            }
            chunkPos = chunkLen;
        }
    }

    private void append(int from, int n) throws IOException {
        if ((long) lineLen + n > MAX_LINE_BYTES) {
            throw new IOException("line " + (lineNumber + 1) + " is longer than " + MAX_LINE_BYTES + " bytes");
        }
        if (lineLen + n > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLen + n, Math.min(MAX_LINE_BYTES, line.length * 2)));
        }
        System.arraycopy(chunk, from, line, lineLen, n);
        lineLen += n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
