package org.hanzinet.data.ctw;

import java.util.Objects;

/**
 * How a {@link CtwReader} reads a file.
 *
 * @param onError   fail on the first bad record (default) or skip it, counted and logged once
 * @param selection which characters to keep: Chinese only (the seed's choice, default) or all
 * @param maxImages stop after this many images (the seed's cap), or {@link #ALL}
 */
public record CtwReadOptions(ErrorPolicy onError, Selection selection, int maxImages) {
    public static final int ALL = Integer.MAX_VALUE;

    /** What to do with a record that cannot be read. */
    public enum ErrorPolicy {
        /** Throw {@link CtwFormatException} naming file, line and field. */
        FAIL,
        /** Leave the whole line out, count it ({@link CtwReader#skipped()}) and log one warning line. */
        SKIP
    }

    /** Which annotated characters an image keeps. */
    public enum Selection {
        /** Only characters with {@code is_chinese == true}. */
        CHINESE_ONLY,
        /** Every annotated character. */
        ALL
    }

    public CtwReadOptions {
        Objects.requireNonNull(onError, "onError");
        Objects.requireNonNull(selection, "selection");
        if (maxImages < 0) {
            throw new IllegalArgumentException("maxImages must be >= 0, got " + maxImages);
        }
    }

    /** Fail on errors, Chinese characters only, every image. */
    public static CtwReadOptions defaults() {
        return new CtwReadOptions(ErrorPolicy.FAIL, Selection.CHINESE_ONLY, ALL);
    }

    public CtwReadOptions withOnError(ErrorPolicy policy) {
        return new CtwReadOptions(policy, selection, maxImages);
    }

    public CtwReadOptions withSelection(Selection s) {
        return new CtwReadOptions(onError, s, maxImages);
    }

    public CtwReadOptions withMaxImages(int n) {
        return new CtwReadOptions(onError, selection, n);
    }
}
