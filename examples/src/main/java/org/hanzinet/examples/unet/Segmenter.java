package org.hanzinet.examples.unet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.core.simd.VectorKernels;
import org.hanzinet.core.simd.VectorizationProvider;
import org.hanzinet.data.image.ImageTensors;
import org.hanzinet.data.image.Normalization;
import org.hanzinet.data.image.Resize;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.hanzinet.nn.inference.FullResolution;
import org.hanzinet.nn.layers.UpsampleBilinear2d;

/**
 * A trained U-Net as a function from a photo of any size to a character probability per pixel of that
 * photo. For each inference side {@code s} of the run the photo is resized (area-averaged) so that its longer
 * side is {@code s} pixels ({@code 0}: left at its own size), padded to a multiple of the U-Net's stride (and
 * tiled beyond {@value #TILE} px), run, turned into probabilities and resized back (bilinear); several sides are
 * merged by the per-pixel maximum. The sides matter because the training scenes draw characters relative to
 * the scene's size: a photo brought to the scenes' size shows its characters at the sizes the model saw.
 */
public final class Segmenter {
    /** Tile side for photos larger than this after resizing (8000 x 8000 runs tile by tile). */
    static final int TILE = 1024;
    /** Context each tile keeps around its core, in pixels. */
    static final int MARGIN = 128;
    /** The shipped model inside the examples jar. */
    public static final String SHIPPED_RESOURCE = "/org/hanzinet/examples/unet/unet-hanzi.safetensors";

    private static final VectorKernels KERNELS = VectorizationProvider.get().kernels();

    private final Module model;
    private final UNetConfig config;
    private final FullResolution runner;

    public Segmenter(Module model, UNetConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        model.eval();
        this.runner = new FullResolution(model, new FullResolution.Config(config.stride(), TILE, MARGIN, 0f));
    }

    /** The U-Net of a checkpoint written by {@link UNetTrainer} (or the shipped one): network and weights from the file alone. */
    public static Segmenter load(Path checkpoint) throws IOException {
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalArgumentException("no checkpoint at " + checkpoint.toAbsolutePath()
                    + ": train first (no epoch has finished in this run folder)");
        }
        UNetConfig cfg = UNetRuns.state(Checkpoint.readMetadata(checkpoint), checkpoint).run();
        return new Segmenter(Checkpoint.loadModel(checkpoint), cfg);
    }

    /** The pre-trained model that ships in the examples jar. */
    public static Segmenter shipped() throws IOException {
        Path tmp = Files.createTempFile("hanzinet-unet", ".safetensors");
        try (InputStream in = Segmenter.class.getResourceAsStream(SHIPPED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the shipped U-Net " + SHIPPED_RESOURCE + " is missing from the jar: "
                        + "rebuild with ./hanzinet (it is in examples/src/main/resources)");
            }
            AtomicFiles.writeBytes(tmp, in.readAllBytes()); // the checkpoint reader takes a file
            return load(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public UNetConfig config() {
        return config;
    }

    public Module model() {
        return model;
    }

    /** This segmenter predicting at other sides (long side in pixels, 0 = the photo's own). */
    public Segmenter atSides(List<Integer> sides) {
        return new Segmenter(model, config.withInferenceSides(sides));
    }

    /** {@code [3, H, W]} RGB in [0, 1] to {@code [1, H, W]} probabilities. */
    public Tensor probabilities(Tensor photo) {
        Tensor merged = null;
        for (int side : config.inferenceSides()) {
            Tensor p = atSide(photo, side);
            if (merged == null) {
                merged = p;
            } else {
                float[] m = merged.data();
                float[] q = p.data();
                for (int i = 0; i < m.length; i++) {
                    m[i] = Math.max(m[i], q[i]);
                }
            }
        }
        return merged;
    }

    private Tensor atSide(Tensor photo, int side) {
        int h = photo.size(1);
        int w = photo.size(2);
        int longSide = Math.max(h, w);
        if (side == 0 || side == longSide) {
            return sigmoid(runner.predict(photo).copy());
        }
        double f = (double) side / longSide;
        int sw = Math.max(1, (int) Math.round(w * f));
        int sh = Math.max(1, (int) Math.round(h * f));
        Tensor scaled = ImageTensors.toChw(Resize.to(ImageTensors.fromChw(photo), sw, sh), Normalization.UNIT);
        Tensor probs = sigmoid(runner.predict(scaled).copy());
        Tensor back = new UpsampleBilinear2d(UpsampleBilinear2d.Config.size(h, w, false))
                .forward(probs.reshape(1, 1, sh, sw));
        return back.reshape(1, h, w).copy();
    }

    /** Logits to probabilities in place (a contiguous tensor), with the Sigmoid layer's kernel; returns it. */
    static Tensor sigmoid(Tensor logits) {
        KERNELS.sigmoid(logits.data(), logits.offset(), logits.data(), logits.offset(), logits.numel());
        return logits;
    }
}
