package org.hanzinet.data.dataset;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.hanzinet.data.image.RgbImage;

/** A thread-safe LRU cache of decoded uint8 images, bounded by their total size in bytes. */
final class ImageCache {
    private final long capacity;
    private final LinkedHashMap<Integer, RgbImage> map = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    ImageCache(long capacity) {
        this.capacity = capacity;
    }

    /** The cached image for {@code key}, or {@code load}'s result (cached when it fits). */
    RgbImage get(int key, Supplier<RgbImage> load) {
        if (capacity == 0) {
            return load.get();
        }
        synchronized (this) {
            RgbImage hit = map.get(key);
            if (hit != null) {
                return hit;
            }
        }
        RgbImage img = load.get(); // outside the lock: decoding is slow; a rare double decode is harmless
        synchronized (this) {
            if (img.byteSize() <= capacity && !map.containsKey(key)) {
                map.put(key, img);
                bytes += img.byteSize();
                for (Iterator<Map.Entry<Integer, RgbImage>> it = map.entrySet().iterator(); bytes > capacity && it.hasNext();) {
                    bytes -= it.next().getValue().byteSize();
                    it.remove();
                }
            }
        }
        return img;
    }

    synchronized long bytes() {
        return bytes;
    }
}
