package org.hanzinet.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.image.ImageFormatException;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.eval.Prediction;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.train.RunCheckpoint;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.nn.Module;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code predict}: probability map, thresholded mask and overlay for one photo or a folder of photos. In a
 * folder, a photo that cannot be read is reported in one line and skipped, and the exit code is
 * {@link #SKIPPED}.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict character pixels on photos with a trained run: <photo>-probability.png, "
                + "<photo>-mask.png and <photo>-overlay.png per photo, <photo> being its file name with its extension "
                + "(a.jpg -> a.jpg-mask.png; resized to the run's image size). In a folder, only *.jpg, *.jpeg and "
                + "*.png are read; one that cannot be read is reported and skipped.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every photo predicted", "1:error (message on stderr)", "2:invalid command line",
            "3:some photos of the folder skipped (each named on stderr); the others were predicted"})
public final class PredictCommand implements Callable<Integer> {
    /** Exit code when some photos of a folder could not be read and were skipped. */
    public static final int SKIPPED = 3;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "The run folder (from train).")
    Path run;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR",
            description = "A photo (JPEG/PNG) or a folder of photos.")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: RUN_DIR/predictions.")
    Path outDir;

    @Option(names = "--threshold", defaultValue = "0.5", description = "Mask threshold, between 0 and 1 (excluded). "
            + "Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Override
    public Integer call() throws Exception {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("--threshold must be between 0 and 1 (both excluded), got " + threshold);
        }
        RunFolder folder = RunFolder.existing(run);
        RunConfig cfg = Json.read(folder.config(), RunConfig.class);
        Parallel.setThreads(cfg.threads());
        Module model = TrainingRun.buildModel(cfg);
        RunCheckpoint.loadModel(folder.checkpoint(), cfg, model);
        Path target = outDir != null ? outDir : folder.predictions();
        PhotoInputs inputs = PhotoInputs.of(input);
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
                image = load(p, cfg.imageSize());
            } catch (RuntimeException e) {
                if (inputs.photos().size() == 1 && Files.isRegularFile(input)) {
                    throw e; // a single photo that cannot be read is an error, not a skip
                }
                err.println("skipped " + (e instanceof ImageFormatException ? "" : p + ": ") + e.getMessage());
                skipped++;
                continue;
            }
            for (Path written : Prediction.write(model, image, null, null, threshold, target, names.next(p))) {
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

    private static Tensor load(Path p, int size) {
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException("a directory, not a photo");
        }
        return CtwData.loadPhoto(p, size);
    }
}
