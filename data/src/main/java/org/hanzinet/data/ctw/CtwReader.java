package org.hanzinet.data.ctw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams a CTW JSONL file (one image object per line) without loading it: one line is parsed at a
 * time, so the full CTW training file (about 32,000 lines) reads in constant memory.
 *
 * <pre>{@code
 * try (CtwReader r = CtwReader.open(path, CtwReadOptions.defaults().withMaxImages(100))) {
 *     while (r.hasNext()) { CtwImage img = r.next(); ... }
 * }
 * }</pre>
 * Blank lines are ignored. Errors name the file, the 1-based line number and the field; under
 * {@link CtwReadOptions.ErrorPolicy#SKIP} a bad line is counted and logged instead.
 */
public final class CtwReader implements Iterator<CtwImage>, Closeable {
    private static final System.Logger LOG = System.getLogger(CtwReader.class.getName());
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // so that NaN is reported as a bad field, not a syntax error
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path file;
    private final BufferedReader in;
    private final CtwReadOptions options;
    private long lineNumber;
    private int returned;
    private int skipped;
    private CtwImage next;
    private boolean done;

    private CtwReader(Path file, BufferedReader in, CtwReadOptions options) {
        this.file = file;
        this.in = in;
        this.options = options;
    }

    /** Opens {@code file}; the caller closes the reader. */
    public static CtwReader open(Path file, CtwReadOptions options) {
        try {
            return new CtwReader(file, Files.newBufferedReader(file), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open CTW annotations " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads every selected image of {@code file} into a list (the annotations only, never the pixels). */
    public static List<CtwImage> readAll(Path file, CtwReadOptions options) {
        try (CtwReader r = open(file, options)) {
            List<CtwImage> out = new ArrayList<>();
            r.forEachRemaining(out::add);
            return out;
        }
    }

    /** The images as a lazy stream; closing the stream closes the file. */
    public Stream<CtwImage> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = advance();
            done = next == null;
        }
        return next != null;
    }

    @Override
    public CtwImage next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more images in " + file);
        }
        CtwImage img = next;
        next = null;
        returned++;
        return img;
    }

    /** How many lines were skipped under the SKIP policy so far. */
    public int skipped() {
        return skipped;
    }

    /** The number of the last line read (1-based). */
    public long lineNumber() {
        return lineNumber;
    }

    private CtwImage advance() {
        while (returned < options.maxImages()) {
            String line = readLine();
            if (line == null) {
                return null;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                return parseLine(line);
            } catch (CtwFormatException e) {
                if (options.onError() == CtwReadOptions.ErrorPolicy.FAIL) {
                    throw e;
                }
                skipped++;
                LOG.log(System.Logger.Level.WARNING, "skipping CTW record: " + e.getMessage());
            }
        }
        return null;
    }

    private CtwImage parseLine(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new CtwFormatException(file, lineNumber, "", "malformed JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return CtwRecordParser.parse(root, options.selection());
        } catch (CtwRecordParser.FieldException e) {
            String id = root.path("image_id").isTextual() ? " (image " + root.get("image_id").asText() + ")" : "";
            throw new CtwFormatException(file, lineNumber, e.field, e.getMessage() + id, e);
        } catch (IllegalArgumentException e) {
            throw new CtwFormatException(file, lineNumber, "", e.getMessage(), e);
        }
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new CtwFormatException(file, lineNumber + 1, "", "cannot read line: " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
