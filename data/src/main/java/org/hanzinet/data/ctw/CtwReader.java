package org.hanzinet.data.ctw;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * {@link CtwReadOptions.ErrorPolicy#SKIP} a bad line is counted and logged instead. Each line is decoded
 * on its own as UTF-8, so a bad byte is reported on its true line; a first line that is not text (a
 * JPEG, a checkpoint) is "not a CTW JSONL file" whatever the policy. A duplicate {@code image_id} is a
 * bad line naming the first one. Records that read but look wrong (a polygon point far outside the
 * image, no Chinese character in the whole file) are logged as warnings.
 */
public final class CtwReader implements Iterator<CtwImage>, Closeable {
    private static final System.Logger LOG = System.getLogger(CtwReader.class.getName());
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // so that NaN is reported as a bad field, not a syntax error
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Warnings of one kind logged per file; the rest are counted in one closing line. */
    static final int MAX_WARNINGS = 10;

    private final Path file;
    private final Utf8Lines in;
    private final CtwReadOptions options;
    private final Map<String, Long> idLines = new HashMap<>();
    private long lineNumber;
    private boolean sawContent;
    private boolean notJsonl;
    private int returned;
    private long chineseCharacters;
    private int farWarnings;
    private int skipped;
    private CtwImage next;
    private boolean done;

    private CtwReader(Path file, Utf8Lines in, CtwReadOptions options) {
        this.file = file;
        this.in = in;
        this.options = options;
    }

    /** Opens {@code file}; the caller closes the reader. */
    public static CtwReader open(Path file, CtwReadOptions options) {
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(file + ": is a folder, not a CTW JSONL file");
            }
            return new CtwReader(file, new Utf8Lines(Files.newInputStream(file)), options);
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
            try {
                String line = readLine();
                if (line == null) {
                    finish();
                    return null;
                }
                if (line.isBlank()) {
                    continue;
                }
                sawContent = true;
                return check(parseLine(line));
            } catch (CtwFormatException e) {
                if (options.onError() == CtwReadOptions.ErrorPolicy.FAIL || notJsonl) {
                    throw e;
                }
                skipped++;
                LOG.log(System.Logger.Level.WARNING, "skipping CTW record: " + e.getMessage());
            }
        }
        finish();
        return null;
    }

    /** Refuses a duplicate id; warns about points far outside the image; counts the Chinese characters. */
    private CtwImage check(CtwImage img) {
        Long first = idLines.putIfAbsent(img.imageId(), lineNumber);
        if (first != null) {
            throw new CtwFormatException(file, lineNumber, "image_id", "duplicate image_id '" + img.imageId()
                    + "', first on line " + first, null);
        }
        for (CtwCharacter c : img.characters()) {
            chineseCharacters += c.isChinese() ? 1 : 0;
        }
        String far = CtwChecks.farOutside(img);
        if (far != null && ++farWarnings <= MAX_WARNINGS) {
            LOG.log(System.Logger.Level.WARNING, file + ":" + lineNumber + ": " + far);
        }
        return img;
    }

    /** The end of the read: the warnings about the file as a whole. */
    private void finish() {
        if (done) {
            return;
        }
        done = true;
        if (farWarnings > MAX_WARNINGS) {
            LOG.log(System.Logger.Level.WARNING, file + ": " + (farWarnings - MAX_WARNINGS)
                    + " more images with polygon points far outside the image");
        }
        if (returned > 0 && chineseCharacters == 0) {
            LOG.log(System.Logger.Level.WARNING, file + ": no character of the images read has is_chinese true, "
                    + "so every character mask is empty: is this a CTW annotation file?");
        }
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
            String line = in.next();
            lineNumber = in.lineNumber();
            return line;
        } catch (Utf8Lines.BadLine e) {
            lineNumber = in.lineNumber();
            if (!sawContent) {
                // Fatal whatever the error policy: a binary first line means the wrong file, not a bad record.
                notJsonl = true;
                throw new CtwFormatException(file, lineNumber, "", "not a CTW JSONL file (UTF-8 text, one JSON object "
                        + "per line): " + e.getMessage(), e);
            }
            throw new CtwFormatException(file, lineNumber, "", e.getMessage() + "; save the file as UTF-8", e);
        } catch (IOException e) {
            throw new CtwFormatException(file, in.lineNumber() + 1, "", "cannot read line: " + e.getMessage(), e);
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
