package org.hanzinet.examples.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.data.dataset.Split;
import org.hanzinet.data.image.ImageDecoder;
import org.hanzinet.data.image.ImageTensors;
import org.hanzinet.data.image.Normalization;
import org.hanzinet.data.image.Resize;
import org.hanzinet.examples.config.RunConfig;

/**
 * The examples' view of a CTW-format folder: finds the annotation file and the photos, reads the first N
 * images and splits them in file order into the data module's {@link CtwDataset}s, which decode, resize
 * (area average) to the run's size and rasterise the masks. Up to {@value #CACHE_LIMIT} pixels a side
 * the decoded, resized photos are kept (as bytes) after first use; larger ones are decoded when a batch
 * needs them (51 images at 2048 x 2048 would hold 640 MB of bytes, 4.3 GB as float tensors).
 */
public final class CtwData {
    /** Side up to which every decoded, resized photo is cached. */
    public static final int CACHE_LIMIT = 512;

    private CtwData() {}

    /** Reads the data of {@code cfg} and splits it; clear errors for bad paths, empty sets, an empty test split. */
    public static SplitData load(RunConfig cfg) throws IOException {
        Path annotations = annotationFile(Path.of(cfg.data()));
        List<CtwImage> images = CtwReader.readAll(annotations, CtwReadOptions.defaults()
                .withMaxImages(cfg.images() == 0 ? CtwReadOptions.ALL : cfg.images()));
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images in " + annotations + " (the annotation file is empty)");
        }
        Split<CtwImage> split = Split.inOrder(images, cfg.trainFraction(), cfg.valFraction());
        int[] sizes = {split.train().size(), split.validation().size(), split.test().size()};
        if (sizes[0] == 0 || sizes[2] == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d images give %d training and %d test images with fractions %.2f / %.2f / rest: need at least one "
                            + "of each; use more --images (the data has %s)", images.size(), sizes[0], sizes[2],
                    cfg.trainFraction(), cfg.valFraction(), cfg.images() == 0 ? "no more" : "maybe more"));
        }
        Path imageDir = imageDir(annotations, images.get(0));
        String source = annotations + " (" + images.size() + " images)";
        return new SplitData(source, dataset(imageDir, split.train(), cfg.imageSize()),
                dataset(imageDir, split.validation(), cfg.imageSize()), dataset(imageDir, split.test(), cfg.imageSize()));
    }

    public static int[] splitSizes(SplitData d) {
        return d.sizes();
    }

    /**
     * {@code images} as {@code size x size} samples (photo resized, masks rasterised at that size), RGB / 255.
     * Up to {@value #CACHE_LIMIT} px every photo is decoded into the cache here, so a broken file stops the
     * command before any training (larger photos are decoded when their batch is prepared).
     */
    static CtwDataset dataset(Path imageDir, List<CtwImage> images, int size) {
        boolean cached = size <= CACHE_LIMIT;
        CtwDataset ds = new CtwDataset(imageDir, images, DatasetOptions.defaults().withSize(size, size)
                .withNormalization(Normalization.UNIT).withCacheBytes(cached ? 3L * size * size * images.size() : 0));
        for (int i = 0; cached && i < images.size(); i++) {
            ds.pixels(i);
        }
        return ds;
    }

    /** A bare photo for predict: {@code [3, size, size]} RGB in [0, 1], resized as the training images were. */
    public static Tensor loadPhoto(Path file, int size) {
        return ImageTensors.toChw(Resize.to(ImageDecoder.decode(file), size, size), Normalization.UNIT);
    }

    /**
     * The annotation file of {@code data}: the file itself, else {@code train.jsonl} in it, else its only
     * {@code *.jsonl}.
     */
    public static Path annotationFile(Path data) throws IOException {
        if (Files.isRegularFile(data)) {
            return data;
        }
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data: no such folder: " + data.toAbsolutePath());
        }
        if (Files.isRegularFile(data.resolve("train.jsonl"))) {
            return data.resolve("train.jsonl");
        }
        try (Stream<Path> s = Files.list(data)) {
            List<Path> jsonl = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
            if (jsonl.size() == 1) {
                return jsonl.get(0);
            }
            throw new IllegalArgumentException(jsonl.isEmpty()
                    ? "--data: no CTW annotation file (*.jsonl) in " + data.toAbsolutePath()
                    : "--data: several .jsonl files in " + data.toAbsolutePath() + " and no train.jsonl: " + jsonl
                            + "; pass the one to use as --data FILE");
        }
    }

    /** Where the photos are: beside the annotation file, or in its {@code images/} sub-folder. */
    public static Path imageDir(Path annotations, CtwImage first) {
        Path dir = annotations.toAbsolutePath().getParent();
        for (Path candidate : List.of(dir, dir.resolve("images"))) {
            if (Files.isRegularFile(candidate.resolve(first.fileName()))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("image '" + first.fileName() + "' of " + annotations + " not found in "
                + dir + " or " + dir.resolve("images"));
    }
}
