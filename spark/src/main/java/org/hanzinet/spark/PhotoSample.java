package org.hanzinet.spark;

import java.io.Serializable;
import org.hanzinet.data.ctw.CtwImage;

/**
 * One training photo as the workers see it: its position in the image list (which fixes its random
 * streams and its batch), the URI Spark's file system layer reads it from ({@code file:}, {@code hdfs:},
 * {@code s3a:} ...), and its annotations.
 */
public record PhotoSample(int index, String uri, CtwImage annotations) implements Serializable {
    public PhotoSample {
        if (index < 0) {
            throw new IllegalArgumentException("photo sample index must be >= 0, got " + index + " for " + uri);
        }
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("photo sample " + index + " has no URI");
        }
        if (annotations == null) {
            throw new IllegalArgumentException("photo sample " + index + " (" + uri + ") has no annotations");
        }
    }
}
