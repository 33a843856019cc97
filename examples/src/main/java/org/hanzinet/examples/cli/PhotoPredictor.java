package org.hanzinet.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.image.ImageDecoder;
import org.hanzinet.data.image.ImageTensors;
import org.hanzinet.data.image.Normalization;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.examples.unet.Segmenter;
import org.hanzinet.examples.unet.UNetRuns;
import org.hanzinet.nn.Module;

/**
 * What {@code predict} and {@code evaluate --all} run on a photo: the U-Net of a run folder or the shipped
 * one (any photo size, probabilities at the photo's own resolution), or a reference model (which sees the
 * photo resized to its training size and answers at that size).
 */
abstract class PhotoPredictor {
    /** {@code [3, H, W]} RGB in [0, 1], as this predictor takes it. */
    abstract Tensor load(Path photo);

    /** {@code [1, H', W']} probabilities for an image from {@link #load}. */
    abstract Tensor probabilities(Tensor image);

    /** Where outputs go when no {@code --out} is given. */
    abstract Path defaultOutput();

    /** The U-Net behind this predictor, or null for a reference model. */
    abstract Segmenter segmenter();

    /**
     * The run's model ({@code run} given) or the shipped U-Net; {@code sides} (may be null) overrides the
     * U-Net's inference sides.
     */
    static PhotoPredictor of(Path run, List<Integer> sides) throws IOException {
        if (run == null) {
            return new UNet(sides == null ? Segmenter.shipped() : Segmenter.shipped().atSides(sides),
                    Path.of("predictions"));
        }
        RunFolder folder = RunFolder.existing(run);
        if (UNetRuns.isUNet(folder)) {
            Parallel.setThreads(UNetRuns.config(folder).threads());
            Segmenter s = Segmenter.load(folder.checkpoint());
            return new UNet(sides == null ? s : s.atSides(sides), folder.predictions());
        }
        if (sides != null) {
            throw new IllegalArgumentException("--sides applies to U-Net runs; " + run + " holds a reference model, "
                    + "which only runs at its training size");
        }
        RunConfig cfg = Json.read(folder.config(), RunConfig.class);
        Parallel.setThreads(cfg.threads());
        Module model = TrainingRun.loadTrained(cfg, folder.checkpoint());
        model.eval();
        return new PhotoPredictor() {
            @Override
            Tensor load(Path photo) {
                requireFile(photo);
                return CtwData.loadPhoto(photo, cfg.imageSize());
            }

            @Override
            Tensor probabilities(Tensor image) {
                return model.forward(image.reshape(1, 3, image.size(1), image.size(2))).slice(0).copy();
            }

            @Override
            Path defaultOutput() {
                return folder.predictions();
            }

            @Override
            Segmenter segmenter() {
                return null;
            }
        };
    }

    private static void requireFile(Path photo) {
        if (Files.isDirectory(photo)) {
            throw new IllegalArgumentException("a directory, not a photo");
        }
    }

    /** A U-Net: the photo at its own size in, a probability per pixel out. */
    private static final class UNet extends PhotoPredictor {
        private final Segmenter segmenter;
        private final Path output;

        UNet(Segmenter segmenter, Path output) {
            this.segmenter = segmenter;
            this.output = output;
        }

        @Override
        Tensor load(Path photo) {
            requireFile(photo);
            return ImageTensors.toChw(ImageDecoder.decode(photo), Normalization.UNIT);
        }

        @Override
        Tensor probabilities(Tensor image) {
            return segmenter.probabilities(image);
        }

        @Override
        Path defaultOutput() {
            return output;
        }

        @Override
        Segmenter segmenter() {
            return segmenter;
        }
    }
}
