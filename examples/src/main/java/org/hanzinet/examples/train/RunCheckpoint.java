package org.hanzinet.examples.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.report.Json;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.checkpoint.Checkpoint;
import org.hanzinet.nn.checkpoint.Provenance;
import org.hanzinet.nn.optim.Optimizer;

/**
 * The run's {@code checkpoint.safetensors} through the library's {@link Checkpoint} (atomic write,
 * PyTorch names, optimiser state under {@code optim.}, provenance). The configuration stored with it is
 * a {@link State}: the resolved run configuration plus the epoch reached and the loss history, so a
 * resumed run knows where to start and writes the full history. Beside it, under {@link Architecture#KEY},
 * the architecture the weights were trained as; every load checks it against the run's configuration.
 */
public final class RunCheckpoint implements CheckpointStore {
    /** What the checkpoint's configuration JSON holds. */
    public record State(RunConfig run, int epoch, List<EpochRecord> history) {}

    private final Path file;
    private final RunConfig config;
    private Path configToRewrite;

    public RunCheckpoint(Path file, RunConfig config) {
        this.file = file;
        this.config = config;
    }

    /**
     * After the next checkpoint is written, rewrites {@code configFile} with this run's configuration
     * (a resume that changed {@code --epochs}): in that order, so config.json never names a configuration
     * that no checkpoint was written with while the old checkpoint is still the latest.
     */
    public RunCheckpoint rewriteConfigAfterNextSave(Path configFile) {
        this.configToRewrite = configFile;
        return this;
    }

    @Override
    public void save(Module model, Optimizer optimizer, int epoch, List<EpochRecord> history) throws IOException {
        Checkpoint.save(file, model, optimizer, Json.toString(new State(config, epoch, history)), config.seed(),
                Map.of(Architecture.KEY, Architecture.of(config).toJson()));
        if (configToRewrite != null) {
            Json.write(configToRewrite, config);
            configToRewrite = null;
        }
    }

    @Override
    public Optional<Restored> load(Module model, Optimizer optimizer) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        requireArchitecture(file, config);
        State s = state(Checkpoint.load(file, model, optimizer));
        return Optional.of(new Restored(s.epoch(), s.history()));
    }

    /**
     * Loads only the model parameters (evaluate, predict), after checking that the checkpoint was trained
     * as the architecture of {@code cfg}; fails naming the file when it is missing or differs.
     */
    public static void loadModel(Path file, RunConfig cfg, Module model) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no checkpoint at " + file.toAbsolutePath()
                    + ": train first (no epoch has finished in this run folder)");
        }
        requireArchitecture(file, cfg);
        Checkpoint.load(file, model, null);
    }

    /** Refuses {@code file} when its recorded architecture is not that of {@code cfg} (the run's config.json). */
    static void requireArchitecture(Path file, RunConfig cfg) throws IOException {
        Architecture.requireSame(file, Architecture.recorded(Checkpoint.readMetadata(file), file),
                file.resolveSibling("config.json"), Architecture.of(cfg));
    }

    @Override
    public List<EpochRecord> savedHistory() throws IOException {
        return Files.exists(file) ? state(Checkpoint.readMetadata(file)).history() : List.of();
    }

    /** The epoch and history stored in {@code file}'s metadata. */
    public static State readState(Path file) throws IOException {
        return state(Checkpoint.readMetadata(file), file);
    }

    private State state(Map<String, String> meta) throws IOException {
        return state(meta, file);
    }

    static State state(Map<String, String> meta, Path file) throws IOException {
        String json = meta.get(Provenance.CONFIG);
        if (json == null) {
            throw new IOException(file + ": not a hanzinet training checkpoint (no " + Provenance.CONFIG + " metadata)");
        }
        State s = Json.MAPPER.readValue(json, State.class);
        if (s.history() == null || s.run() == null) {
            throw new IOException(file + ": checkpoint metadata has no run configuration or loss history");
        }
        return s;
    }
}
