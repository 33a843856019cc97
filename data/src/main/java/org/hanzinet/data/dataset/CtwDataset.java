package org.hanzinet.data.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.image.ImageDecoder;
import org.hanzinet.data.image.ImageTensors;
import org.hanzinet.data.image.Resize;
import org.hanzinet.data.image.RgbImage;
import org.hanzinet.data.mask.Masks;

/**
 * CTW images as (image, mask, ignore) samples, prepared on demand: decode the JPEG/PNG (checking the
 * declared size), resize if asked, rasterise the (scaled) polygons at the output size, convert to
 * float. Only the annotations are held; pixels are decoded per call or kept as uint8 in a bounded
 * cache ({@link DatasetOptions#cacheBytes()}), so memory stays bounded however many images there are.
 * Thread-safe: the loader prepares samples on several threads.
 */
public final class CtwDataset {
    private final Path imageDir;
    private final List<CtwImage> images;
    private final DatasetOptions options;
    /** Per sample: the image index, and the character index for per-polygon samples (-1 otherwise). */
    private final int[] imageOf;
    private final int[] characterOf;
    private final ImageCache cache;

    /**
     * @param imageDir the directory the images' {@code file_name}s are relative to
     * @param images   the annotations (e.g. from {@code CtwReader.readAll} and a split)
     */
    public CtwDataset(Path imageDir, List<CtwImage> images, DatasetOptions options) {
        this.imageDir = Objects.requireNonNull(imageDir, "imageDir");
        this.images = List.copyOf(images);
        this.options = Objects.requireNonNull(options, "options");
        List<int[]> entries = new ArrayList<>();
        for (int i = 0; i < this.images.size(); i++) {
            if (options.grouping() == Grouping.PER_IMAGE) {
                entries.add(new int[] {i, -1});
            } else {
                for (int c = 0; c < this.images.get(i).characters().size(); c++) {
                    entries.add(new int[] {i, c});
                }
            }
        }
        imageOf = entries.stream().mapToInt(e -> e[0]).toArray();
        characterOf = entries.stream().mapToInt(e -> e[1]).toArray();
        cache = new ImageCache(options.cacheBytes());
    }

    public int size() {
        return imageOf.length;
    }

    public DatasetOptions options() {
        return options;
    }

    public List<CtwImage> images() {
        return images;
    }

    /** The annotations behind sample {@code i}: the whole image, or the image with only its one character. */
    public CtwImage annotations(int i) {
        CtwImage img = images.get(imageOf[checkIndex(i)]);
        return characterOf[i] < 0 ? img : img.withOnlyCharacter(characterOf[i]);
    }

    /** {@code image_id}, plus {@code #<character index>} for per-polygon samples. */
    public String id(int i) {
        String id = images.get(imageOf[checkIndex(i)]).imageId();
        return characterOf[i] < 0 ? id : id + "#" + characterOf[i];
    }

    /** The output {@code {width, height}} of sample {@code i} (the target size, or the declared size). */
    public int[] sampleSize(int i) {
        if (options.resizes()) {
            return new int[] {options.width(), options.height()};
        }
        CtwImage img = images.get(imageOf[checkIndex(i)]);
        return new int[] {img.width(), img.height()};
    }

    /** Sample {@code i} in freshly allocated tensors. */
    public Sample get(int i) {
        int[] wh = sampleSize(i);
        Tensor image = Tensor.zeros(3, wh[1], wh[0]);
        Tensor mask = Tensor.zeros(1, wh[1], wh[0]);
        Tensor ignore = Tensor.zeros(1, wh[1], wh[0]);
        fill(i, image, mask, ignore);
        return new Sample(id(i), image, mask, ignore);
    }

    /**
     * Writes sample {@code i} into {@code image [3, H, W]}, {@code mask [1, H, W]} and
     * {@code ignore [1, H, W]} (e.g. views into a batch); mask and ignore are overwritten.
     *
     * @throws DataLoadException naming the sample and its image file when anything fails
     */
    public void fill(int i, Tensor image, Tensor mask, Tensor ignore) {
        int[] wh = sampleSize(i);
        String what = "sample " + i + " (" + id(i) + ")";
        image.requireShape(what + " image", 3, wh[1], wh[0]);
        mask.requireShape(what + " mask", 1, wh[1], wh[0]);
        ignore.requireShape(what + " ignore", 1, wh[1], wh[0]);
        CtwImage ann = annotations(i);
        try {
            fill(ann, pixels(imageOf[i]), options, image, mask, ignore);
        } catch (RuntimeException e) {
            throw new DataLoadException(what + ", file " + imageDir.resolve(ann.fileName()) + ": " + e.getMessage(), e);
        }
    }

    /**
     * The sample preparation on its own, for pixels decoded elsewhere (a cluster worker reading the photo
     * through its own file system): {@code pixels} as decoded, resized here when {@code options} say so,
     * written into {@code image [3, H, W]}, {@code mask [1, H, W]} and {@code ignore [1, H, W]}.
     */
    public static void fill(CtwImage ann, RgbImage decoded, DatasetOptions options, Tensor image, Tensor mask,
                            Tensor ignore) {
        int w = options.resizes() ? options.width() : ann.width();
        int h = options.resizes() ? options.height() : ann.height();
        RgbImage px = options.resizes() ? Resize.to(decoded, w, h) : decoded;
        ImageTensors.toChw(px, options.normalization(), image.data(), image.offset());
        mask.fill(0f);
        ignore.fill(0f);
        Masks.fillCharacters(ann, mask.data(), mask.offset(), w, h);
        Masks.fillIgnore(ann, ignore.data(), ignore.offset(), w, h);
    }

    /** The decoded (and resized) uint8 pixels of image {@code index}, through the cache. */
    public RgbImage pixels(int imageIndex) {
        CtwImage img = images.get(imageIndex);
        return cache.get(imageIndex, () -> {
            RgbImage decoded = ImageDecoder.decode(imageDir.resolve(img.fileName()), img.width(), img.height());
            return options.resizes() ? Resize.to(decoded, options.width(), options.height()) : decoded;
        });
    }

    /** Bytes currently held by the uint8 image cache. */
    public long cachedBytes() {
        return cache.bytes();
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= imageOf.length) {
            throw new IndexOutOfBoundsException("sample " + i + " out of range [0, " + imageOf.length + ")");
        }
        return i;
    }
}
