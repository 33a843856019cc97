package org.hanzinet.examples.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.image.ImageDecoder;
import org.hanzinet.data.image.ImageTensors;
import org.hanzinet.data.image.Normalization;
import org.hanzinet.data.image.Resize;
import org.hanzinet.data.mask.Masks;
import org.hanzinet.examples.config.RunConfig;

/**
 * The examples' view of a CTW-format folder (through the data module): finds the annotation file and the
 * photos, reads the first N images, rasterises masks at the run's size and splits in file order. Images
 * up to {@value #CACHE_LIMIT} pixels a side are decoded once and kept; larger ones are decoded when a
 * batch needs them (51 images at 2048 x 2048 would hold 4.3 GB).
 */
public final class CtwData {
    /** Side up to which all samples are decoded up front and cached. */
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
        int[] sizes = SplitData.sizes(images.size(), cfg.trainFraction(), cfg.valFraction());
        if (sizes[0] == 0 || sizes[2] == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d images give %d training and %d test images with fractions %.2f / %.2f / rest: need at least one "
                            + "of each; use more --images (the data has %s)", images.size(), sizes[0], sizes[2],
                    cfg.trainFraction(), cfg.valFraction(), cfg.images() == 0 ? "no more" : "maybe more"));
        }
        Path imageDir = imageDir(annotations, images.get(0));
        List<ImageSample> all = samples(images, imageDir, cfg.imageSize());
        String source = annotations + " (" + images.size() + " images)";
        return new SplitData(source, all.subList(0, sizes[0]), all.subList(sizes[0], sizes[0] + sizes[1]),
                all.subList(sizes[0] + sizes[1], images.size()));
    }

    public static int[] splitSizes(SplitData d) {
        return new int[] {d.train().size(), d.val().size(), d.test().size()};
    }

    private static List<ImageSample> samples(List<CtwImage> images, Path dir, int size) {
        if (size <= CACHE_LIMIT) {
            List<ImageSample> out = new ArrayList<>(images.size());
            for (CtwImage im : images) {
                out.add(sample(im, dir, size));
            }
            return List.copyOf(out);
        }
        return new AbstractList<>() {
            @Override
            public ImageSample get(int i) {
                return sample(images.get(i), dir, size);
            }

            @Override
            public int size() {
                return images.size();
            }
        };
    }

    /** One image at {@code size x size}: photo resized (area average), masks rasterised at that size. */
    static ImageSample sample(CtwImage im, Path dir, int size) {
        Path file = dir.resolve(im.fileName());
        Tensor image = ImageTensors.toChw(Resize.to(ImageDecoder.decode(file, im.width(), im.height()), size, size),
                Normalization.UNIT);
        return new ImageSample(im.imageId(), image, Masks.characters(im, size, size), Masks.ignore(im, size, size));
    }

    /** A bare photo for predict, resized to {@code size x size}; no mask. */
    public static ImageSample loadPhoto(Path file, int size) {
        Tensor image = ImageTensors.toChw(Resize.to(ImageDecoder.decode(file), size, size), Normalization.UNIT);
        return new ImageSample(file.getFileName().toString(), image, null, null);
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
    static Path imageDir(Path annotations, CtwImage first) {
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
