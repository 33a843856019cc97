package org.hanzinet.nn.checkpoint;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.core.io.DType;
import org.hanzinet.core.io.SafeTensors;
import org.hanzinet.core.io.SafeTensorsReader;
import org.hanzinet.core.io.TensorEntry;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.optim.schedule.LrScheduler;

/**
 * Saves and loads a model's parameters and buffers ({@link Module#stateDict()}), and optionally its
 * optimiser's state, as a safetensors file that PyTorch users can open: tensors under their
 * {@code state_dict} names and layouts (conv weight
 * [out, in, kh, kw], linear weight [out, in]), optimiser state under {@code optim.<name>}, provenance
 * ({@link Provenance}) in {@code __metadata__}, and a learning-rate scheduler's state as JSON in the metadata
 * under {@link #SCHEDULER} when one is given. Buffers PyTorch keeps as int64 ({@code num_batches_tracked})
 * are written and expected as I64 ({@link Module#storedDTypes()}), everything else as F32.
 *
 * <p>Writes are atomic ({@link AtomicFiles}): the file is written to a temporary file
 * {@code .<name>.<digits>.hanzinet.tmp} in the same directory, forced to disk, then renamed over the
 * target, so a crash or a failed write leaves the previous checkpoint intact. A kill during the write can
 * leave the temporary file: {@link AtomicFiles#removeStaleTemps} removes those.
 * Loads check every name, shape and dtype before touching the model, and fail on the first mismatch.
 *
 * <p>In PyTorch: {@code d = safetensors.torch.load_file(path)}, then
 * {@code model.load_state_dict({k: v for k, v in d.items() if not k.startswith("optim.")})}; and a
 * {@code state_dict} saved with {@code safetensors.torch.save_file} loads here.
 */
public final class Checkpoint {
    /** Prefix of optimiser state tensors in the file. */
    public static final String OPTIM_PREFIX = "optim.";
    /** Metadata key of the learning-rate scheduler's state (JSON, {@link LrScheduler#stateJson()}). */
    public static final String SCHEDULER = "hanzinet.scheduler";

    private Checkpoint() {}

    /**
     * Saves {@code model}'s parameters and, when {@code optimizer} is not null, its state.
     *
     * @param configJson the configuration that built the model, stored as provenance; must be valid JSON
     * @param seed the seed the run was started with, stored as provenance
     */
    public static void save(Path file, Module model, Optimizer optimizer, String configJson, long seed)
            throws IOException {
        save(file, model, optimizer, null, configJson, seed, Map.of());
    }

    /**
     * As {@link #save(Path, Module, Optimizer, String, long)}, with {@code extraMetadata} (for example an
     * architecture record) stored beside the provenance.
     *
     * @throws IllegalArgumentException when an extra key would replace a provenance key
     */
    public static void save(Path file, Module model, Optimizer optimizer, String configJson, long seed,
            Map<String, String> extraMetadata) throws IOException {
        save(file, model, optimizer, null, configJson, seed, extraMetadata);
    }

    /**
     * As {@link #save(Path, Module, Optimizer, String, long)}, with the learning-rate scheduler's state (when not
     * null) as JSON in the metadata under {@link #SCHEDULER}.
     */
    public static void save(Path file, Module model, Optimizer optimizer, LrScheduler scheduler, String configJson,
            long seed) throws IOException {
        save(file, model, optimizer, scheduler, configJson, seed, Map.of());
    }

    /**
     * Saves the model, the optimiser's state (when not null), the scheduler's state (when not null) and
     * {@code extraMetadata} beside the provenance.
     *
     * @throws IllegalArgumentException when an extra key would replace a provenance or scheduler key
     */
    public static void save(Path file, Module model, Optimizer optimizer, LrScheduler scheduler, String configJson,
            long seed, Map<String, String> extraMetadata) throws IOException {
        Map<String, String> meta = Provenance.describe(configJson, seed);
        for (Map.Entry<String, String> e : extraMetadata.entrySet()) {
            if (meta.putIfAbsent(e.getKey(), e.getValue()) != null || e.getKey().equals(Provenance.OPTIMIZER)
                    || e.getKey().equals(SCHEDULER)) {
                throw new IllegalArgumentException("extra checkpoint metadata key '" + e.getKey()
                        + "' is a provenance key; choose another name");
            }
        }
        if (optimizer != null) {
            meta.put(Provenance.OPTIMIZER, optimizer.getClass().getSimpleName());
        }
        if (scheduler != null) {
            meta.put(SCHEDULER, scheduler.stateJson());
        }
        writeAtomically(file, tensors(model, optimizer), model.storedDTypes(), meta, UnaryOperator.identity());
    }

    /**
     * Loads parameters (and optimiser state when {@code optimizer} is not null) from {@code file} into
     * {@code model}, in place.
     *
     * @return the file's metadata (configuration, seed, provenance)
     * @throws CheckpointMismatchException naming the first missing, unexpected, wrong-shape or wrong-dtype
     *     tensor (model parameters in registration order first, then the file's tensors in file order);
     *     the model is then left unchanged
     */
    public static Map<String, String> load(Path file, Module model, Optimizer optimizer) throws IOException {
        return load(file, model, optimizer, null);
    }

    /**
     * As {@link #load(Path, Module, Optimizer)}, and restores {@code scheduler} (when not null) from the state
     * {@link #save(Path, Module, Optimizer, LrScheduler, String, long)} stored, setting the optimiser's
     * learning rate for the restored epoch.
     *
     * @throws CheckpointMismatchException also when the file holds no scheduler state or one of another
     *     schedule or base learning rate
     */
    public static Map<String, String> load(Path file, Module model, Optimizer optimizer, LrScheduler scheduler)
            throws IOException {
        try (SafeTensorsReader r = SafeTensors.open(file)) {
            Map<String, Tensor> state = model.stateDict();
            checkCompatible(r, state, model.namedBuffers().keySet(), model.storedDTypes(), optimizer);
            LrScheduler.State schedulerState = scheduler == null ? null : schedulerState(r, scheduler);
            if (optimizer != null) { // first: the optimiser validates its state before changing anything
                loadOptimizerState(r, optimizer);
            }
            if (scheduler != null) {
                scheduler.loadState(schedulerState);
            }
            for (Map.Entry<String, Tensor> e : state.entrySet()) {
                r.readInto(e.getKey(), e.getValue());
            }
            return r.metadata();
        }
    }

    /** The scheduler state of the file, checked against {@code scheduler} without changing it. */
    private static LrScheduler.State schedulerState(SafeTensorsReader r, LrScheduler scheduler)
            throws CheckpointMismatchException {
        String json = r.metadata().get(SCHEDULER);
        if (json == null) {
            throw new CheckpointMismatchException(r.file() + ": holds no learning-rate scheduler state ('" + SCHEDULER
                    + "'), but a scheduler was given");
        }
        try {
            LrScheduler.State s = LrScheduler.State.fromJson(json);
            scheduler.requireCompatible(s);
            return s;
        } catch (IllegalArgumentException e) {
            throw new CheckpointMismatchException(r.file() + ": " + e.getMessage());
        }
    }

    private static void loadOptimizerState(SafeTensorsReader r, Optimizer optimizer) throws IOException {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (TensorEntry e : r.entries()) {
            if (e.name().startsWith(OPTIM_PREFIX)) {
                state.put(e.name().substring(OPTIM_PREFIX.length()), r.read(e.name()));
            }
        }
        try {
            optimizer.loadState(state);
        } catch (IllegalArgumentException e) {
            throw new CheckpointMismatchException(r.file() + ": optimiser state does not fit the "
                    + optimizer.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The metadata of {@code file} without reading its tensors. */
    public static Map<String, String> readMetadata(Path file) throws IOException {
        return SafeTensors.readMetadata(file);
    }

    /** The model's state dict (parameters and buffers), then optimiser state under {@link #OPTIM_PREFIX}. */
    static Map<String, Tensor> tensors(Module model, Optimizer optimizer) {
        Map<String, Tensor> out = new LinkedHashMap<>(model.stateDict());
        if (optimizer != null) {
            optimizer.state().forEach((name, t) -> {
                if (out.putIfAbsent(OPTIM_PREFIX + name, t) != null) {
                    throw new IllegalArgumentException("optimiser state '" + name + "' collides with parameter '"
                            + OPTIM_PREFIX + name + "'");
                }
            });
        }
        return out;
    }

    /**
     * Through {@link AtomicFiles}: temp file {@code .<name>.<digits>.hanzinet.tmp} in the target's
     * directory, fsync, atomic rename, fsync of the directory. {@code wrap} lets tests interpose a channel
     * that fails midway.
     */
    static void writeAtomically(Path file, Map<String, Tensor> tensors, Map<String, String> meta,
            UnaryOperator<WritableByteChannel> wrap) throws IOException {
        writeAtomically(file, tensors, Map.of(), meta, wrap);
    }

    /** As above, with the tensors {@code dtypes} names stored as that dtype (I64 buffers). */
    static void writeAtomically(Path file, Map<String, Tensor> tensors, Map<String, DType> dtypes,
            Map<String, String> meta, UnaryOperator<WritableByteChannel> wrap) throws IOException {
        AtomicFiles.write(file, ch -> SafeTensors.write(wrap.apply(ch), tensors, dtypes, meta));
    }

    private static void checkCompatible(SafeTensorsReader r, Map<String, Tensor> state, Set<String> bufferNames,
            Map<String, DType> dtypes, Optimizer optimizer) throws CheckpointMismatchException {
        Path f = r.file();
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            TensorEntry t = r.entry(e.getKey());
            int[] want = e.getValue().shape();
            if (t == null) {
                String kind = bufferNames.contains(e.getKey()) ? "buffer" : "parameter";
                throw new CheckpointMismatchException(f + ": missing tensor '" + e.getKey() + "' (model " + kind + " of shape "
                        + Arrays.toString(want) + ")");
            }
            requireDType(f, t, dtypes.getOrDefault(e.getKey(), DType.F32));
            if (!Arrays.equals(t.shape(), Arrays.stream(want).asLongStream().toArray())) {
                throw new CheckpointMismatchException(f + ": tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + " but the model expects " + Arrays.toString(want));
            }
        }
        boolean hasOptim = false;
        for (TensorEntry t : r.entries()) {
            if (t.name().startsWith(OPTIM_PREFIX)) {
                hasOptim = true;
                requireDType(f, t, DType.F32);
            } else if (!state.containsKey(t.name())) {
                throw new CheckpointMismatchException(f + ": unexpected tensor '" + t.name() + "' of shape "
                        + Arrays.toString(t.shape()) + " (the model has no such parameter)");
            }
        }
        if (optimizer != null) {
            String saved = r.metadata().get(Provenance.OPTIMIZER);
            String want = optimizer.getClass().getSimpleName();
            if (saved == null && !hasOptim) {
                throw new CheckpointMismatchException(f + ": holds no optimiser state, but a " + want + " was given");
            }
            if (saved != null && !saved.equals(want)) {
                throw new CheckpointMismatchException(f + ": optimiser state is from " + saved + ", not " + want);
            }
        }
    }

    /** F32 for parameters and most buffers; I64 for int64 buffers (PyTorch's num_batches_tracked). */
    private static void requireDType(Path f, TensorEntry t, DType want) throws CheckpointMismatchException {
        if (t.dtype() != want) {
            throw new CheckpointMismatchException(f + ": tensor '" + t.name() + "' has dtype " + t.dtype()
                    + ", expected " + want);
        }
    }
}
