package org.hanzinet.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.RunFolder;
import org.hanzinet.examples.unet.UNetRuns;
import org.hanzinet.examples.unet.UNetTrainer;
import org.hanzinet.nn.LayerTypes;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.checkpoint.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export}: a finished U-Net run's model without its optimiser state (a third of the size), with its
 * network config, run configuration, epoch history and provenance: what ships in the jar as the default model.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a finished U-Net run's model as a model-only safetensors file (weights and BatchNorm "
                + "buffers, network config, run configuration and history, provenance; no optimiser state), loadable "
                + "with Checkpoint.loadModel alone. scripts/train-shipped-unet.sh uses it to make the shipped model.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "RUN_DIR", description = "A U-Net run folder (from train).")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .safetensors file to write "
            + "(atomically; an existing file is replaced).")
    Path out;

    @Option(names = "--sides", split = ",", paramLabel = "PX", description = "The long sides photos are predicted at "
            + "by default, stored with the model (0 = the photo's own size; several are merged by maximum). Default: "
            + "the run's own. scripts/scale-study.sh measures the choices.")
    List<Integer> sides;

    @Override
    public Integer call() throws Exception {
        RunFolder folder = RunFolder.existing(run);
        if (!UNetRuns.isUNet(folder)) {
            throw new IllegalArgumentException("export: " + run + " is not a U-Net run (its config.json has no "
                    + "\"model\": \"unet\"); the reference models are used from their run folders");
        }
        if (!Files.isRegularFile(folder.checkpoint())) {
            throw new IllegalArgumentException("export: no checkpoint in " + run + " (no epoch has finished)");
        }
        UNetTrainer.State state = UNetRuns.state(Checkpoint.readMetadata(folder.checkpoint()), folder.checkpoint());
        if (state.epoch() != state.run().epochs()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "export: %s finished %d of %d epochs; "
                    + "resume it first (train --resume %s)", run, state.epoch(), state.run().epochs(), run));
        }
        if (sides != null) {
            state = new UNetTrainer.State(state.run().withInferenceSides(sides), state.epoch(), state.history());
        }
        Module model = Checkpoint.loadModel(folder.checkpoint());
        Checkpoint.save(out, model, null, null, Json.toString(state), state.run().seed(),
                Map.of(Checkpoint.NETWORK, LayerTypes.toJson(state.run().network())));
        spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s (%,d bytes, %,d parameters)%n", out, Files.size(out),
                model.parameterCount());
        return 0;
    }
}
