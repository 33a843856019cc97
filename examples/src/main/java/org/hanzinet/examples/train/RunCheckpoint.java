package org.hanzinet.examples.train;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.SafeTensors;
import org.hanzinet.core.io.SafeTensorsReader;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.report.Json;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.optim.Optimizer;

/**
 * The run's {@code checkpoint.safetensors}: model parameters under their PyTorch names, optimiser state
 * under {@code optimizer.<name>}, and in the metadata the epoch reached, the loss history, the resolved
 * configuration and provenance (Java, OS). Written to a temporary file and moved into place, so a crash
 * mid-write leaves the previous epoch's checkpoint intact.
 */
public final class RunCheckpoint implements CheckpointStore {
    static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final TypeReference<List<EpochRecord>> HISTORY = new TypeReference<>() {};
    private final Path file;
    private final RunConfig config;

    public RunCheckpoint(Path file, RunConfig config) {
        this.file = file;
        this.config = config;
    }

    @Override
    public void save(Module model, Optimizer optimizer, int epoch, List<EpochRecord> history) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.namedParameters().forEach((n, p) -> tensors.put(n, p.value()));
        optimizer.state().forEach((n, t) -> tensors.put(OPTIMIZER_PREFIX + n, t));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("hanzinet.epoch", Integer.toString(epoch));
        meta.put("hanzinet.history", Json.toString(history));
        meta.put("hanzinet.config", Json.toString(config));
        meta.put("hanzinet.java", System.getProperty("java.version"));
        meta.put("hanzinet.os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        SafeTensors.write(tmp, tensors, meta);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<Restored> load(Module model, Optimizer optimizer) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            loadParameters(r, model);
            if (optimizer != null) {
                Map<String, Tensor> state = new LinkedHashMap<>();
                r.entries().stream().filter(e -> e.name().startsWith(OPTIMIZER_PREFIX)).forEach(e -> {
                    try {
                        state.put(e.name().substring(OPTIMIZER_PREFIX.length()), r.read(e.name()));
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
                optimizer.loadState(state);
            }
            return Optional.of(restored(r.metadata()));
        }
    }

    /** Loads only the model parameters (evaluate, predict); fails naming the file when it is missing. */
    public static void loadModel(Path file, Module model) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no checkpoint at " + file.toAbsolutePath()
                    + ": train first (no epoch has finished in this run folder)");
        }
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            loadParameters(r, model);
        }
    }

    private static void loadParameters(SafeTensorsReader r, Module model) throws IOException {
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            if (r.entries().stream().noneMatch(t -> t.name().equals(e.getKey()))) {
                throw new IOException(r.file() + ": checkpoint has no tensor '" + e.getKey()
                        + "' (a different model or head?)");
            }
            r.readInto(e.getKey(), e.getValue().value());
        }
    }

    @Override
    public List<EpochRecord> savedHistory() throws IOException {
        return Files.exists(file) ? restored(SafeTensors.readMetadata(file)).history() : List.of();
    }

    private Restored restored(Map<String, String> meta) throws IOException {
        String epoch = meta.get("hanzinet.epoch");
        String history = meta.get("hanzinet.history");
        if (epoch == null || history == null) {
            throw new IOException(file + ": not a hanzinet training checkpoint (no epoch/history metadata)");
        }
        return new Restored(Integer.parseInt(epoch), Json.MAPPER.readValue(history, HISTORY));
    }
}
