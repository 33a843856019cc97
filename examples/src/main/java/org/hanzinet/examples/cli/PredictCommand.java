package org.hanzinet.examples.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.eval.Evaluation;
import org.hanzinet.examples.eval.Prediction;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.train.RunCheckpoint;
import org.hanzinet.examples.train.TrainingRun;
import org.hanzinet.nn.Module;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code predict}: probability map, thresholded mask and overlay for one photo or a folder of photos. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict character pixels on photos with a trained run: <name>-probability.png, <name>-mask.png "
                + "and <name>-overlay.png per photo (resized to the run's image size).")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "The run folder (from train).")
    Path run;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR",
            description = "A photo (JPEG/PNG) or a folder of photos.")
    Path input;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: RUN_DIR/predictions.")
    Path outDir;

    @Option(names = "--threshold", defaultValue = "0.5", description = "Mask threshold. Default: ${DEFAULT-VALUE}.")
    double threshold;

    @Override
    public Integer call() throws Exception {
        RunFolder folder = RunFolder.existing(run);
        RunConfig cfg = Json.read(folder.config(), RunConfig.class);
        Parallel.setThreads(cfg.threads());
        Module model = TrainingRun.buildModel(cfg);
        RunCheckpoint.loadModel(folder.checkpoint(), model);
        Path target = outDir != null ? outDir : folder.dir().resolve("predictions");
        List<Path> photos = CtwData.listPhotos(input);
        for (Path p : photos) {
            Tensor image = CtwData.loadPhoto(p, cfg.imageSize());
            String name = Evaluation.safe(stripExtension(p.getFileName().toString()));
            for (Path written : Prediction.write(model, image, null, null, threshold, target, name)) {
                spec.commandLine().getOut().println(written);
            }
        }
        return 0;
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
