package org.hanzinet.data.eval;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Character-detection scores over all characters and per {@link SizeBucket}. */
public record DetectionMetrics(DetectionScore all, Map<SizeBucket, DetectionScore> bySize) {
    public DetectionMetrics {
        EnumMap<SizeBucket, DetectionScore> copy = new EnumMap<>(SizeBucket.class);
        for (SizeBucket b : SizeBucket.values()) {
            DetectionScore s = bySize.get(b);
            if (s == null) {
                throw new IllegalArgumentException("DetectionMetrics: no score for size bucket " + b.label());
            }
            copy.put(b, s);
        }
        bySize = Collections.unmodifiableMap(copy);
    }

    public DetectionScore of(SizeBucket bucket) {
        return bySize.get(bucket);
    }
}
