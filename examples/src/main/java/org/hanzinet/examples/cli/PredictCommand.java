package org.hanzinet.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.image.ImageFormatException;
import org.hanzinet.examples.eval.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code predict}: probability map, thresholded mask and overlay for one photo or a folder of photos. In a
 * folder, a photo that cannot be read is reported in one line and skipped, and the exit code is
 * {@link #SKIPPED}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict character pixels on photos: <photo>-probability.png, <photo>-mask.png and "
                + "<photo>-overlay.png per photo, <photo> being its file name with its extension (a.jpg -> "
                + "a.jpg-mask.png). Without --run, the pre-trained U-Net that ships with hanzinet, at the photo's own "
                + "size; with --run, that run's model (a reference model works at its training size). In a folder, "
                + "only *.jpg, *.jpeg and *.png are read; one that cannot be read is reported and skipped.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every photo predicted", "1:error (message on stderr)", "2:invalid command line",
            "3:some photos of the folder skipped (each named on stderr); the others were predicted"})
public final class PredictCommand implements Callable<Integer> {
    /** Exit code when some photos of a folder could not be read and were skipped. */
    public static final int SKIPPED = 3;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", paramLabel = "RUN_DIR", description = "The run folder (from train). Default: the "
            + "shipped U-Net.")
    Path run;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR",
            description = "A photo (JPEG/PNG) or a folder of photos.")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: RUN_DIR/predictions, or "
            + "./predictions for the shipped model.")
    Path outDir;

    @Mixin
    InferenceSides inferenceSides;

    @Option(names = "--threshold", defaultValue = "0.5", description = "Mask threshold, between 0 and 1 (excluded). "
            + "Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Override
    public Integer call() throws Exception {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("--threshold must be between 0 and 1 (both excluded), got " + threshold);
        }
        PhotoInputs inputs = PhotoInputs.of(input);
        PhotoPredictor predictor = PhotoPredictor.of(run, inferenceSides.sides);
        Path target = outDir != null ? outDir : predictor.defaultOutput();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!inputs.ignored().isEmpty()) {
            err.println("ignored " + inputs.ignored().size() + " entries of " + input + " without a .jpg/.jpeg/.png name, e.g. "
                    + inputs.ignored().get(0).getFileName());
        }
        PhotoInputs.OutputNames names = new PhotoInputs.OutputNames();
        int skipped = 0;
        for (Path p : inputs.photos()) {
            Tensor image;
            try {
                image = predictor.load(p);
            } catch (RuntimeException e) {
                if (inputs.photos().size() == 1 && Files.isRegularFile(input)) {
                    throw e; // a single photo that cannot be read is an error, not a skip
                }
                err.println("skipped " + (e instanceof ImageFormatException ? "" : p + ": ") + e.getMessage());
                skipped++;
                continue;
            }
            for (Path written : Prediction.writeProbabilities(image, predictor.probabilities(image), null, null, threshold,
                    target, names.next(p))) {
                out.println(written);
            }
        }
        out.flush();
        if (skipped > 0) {
            err.printf(Locale.ROOT, "%d of %d photos skipped (exit code %d); the other %d were predicted%n", skipped,
                    inputs.photos().size(), SKIPPED, inputs.photos().size() - skipped);
            err.flush();
            return SKIPPED;
        }
        return 0;
    }

}
