package org.hanzinet.nn.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.SafeTensors;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest extends HanzinetTestBase {
    @TempDir
    Path dir;

    /** A module with a conv-like and a linear-like parameter, so names and layouts are PyTorch's. */
    static final class Block extends Module {
        Block(int out, int in, int k) {
            registerParameter("weight", Tensor.zeros(out, in, k, k));
            registerParameter("bias", Tensor.zeros(out));
        }

        @Override
        public Tensor forward(Tensor input) {
            return input;
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            return gradOutput;
        }
    }

    /** A stand-in optimiser with per-parameter state and a step counter, as SGD/Adam expose it. */
    static class FakeOptimizer implements Optimizer {
        final Map<String, Tensor> state = new LinkedHashMap<>();
        Map<String, Tensor> loaded;
        double lr = 0.1;

        FakeOptimizer(Map<String, Parameter> params) {
            params.forEach((n, p) -> state.put(n + ".momentum_buffer", p.value().zerosLike()));
            state.put("step", Tensor.zeros(1));
        }

        @Override
        public void step() {}

        @Override
        public double learningRate() {
            return lr;
        }

        @Override
        public void setLearningRate(double lr) {
            this.lr = lr;
        }

        @Override
        public void zeroGrad() {}

        @Override
        public Map<String, Tensor> state() {
            return state;
        }

        @Override
        public void loadState(Map<String, Tensor> s) {
            loaded = s;
        }
    }

    static final class OtherOptimizer extends FakeOptimizer {
        OtherOptimizer(Map<String, Parameter> params) {
            super(params);
        }
    }

    private Sequential model() {
        Sequential m = new Sequential(new Sequential(new Block(4, 3, 5)), new Block(2, 4, 1));
        m.namedParameters().values().forEach(p -> p.value().uniform(rng, -1f, 1f));
        return m;
    }

    @Test
    void roundTripRestoresParametersStateAndProvenance() throws IOException {
        Sequential saved = model();
        FakeOptimizer opt = new FakeOptimizer(saved.namedParameters());
        opt.state.values().forEach(t -> t.uniform(rng, 0f, 1f));
        Path f = dir.resolve("model.safetensors");
        Checkpoint.save(f, saved, opt, "{\"lr\":0.005,\"layers\":[1,2]}", 42L);

        Sequential fresh = model();
        FakeOptimizer freshOpt = new FakeOptimizer(fresh.namedParameters());
        Map<String, String> meta = Checkpoint.load(f, fresh, freshOpt);
        saved.namedParameters().forEach((n, p) ->
                assertThat(fresh.namedParameters().get(n).value().toArray()).as(n).containsExactly(p.value().toArray()));
        assertThat(freshOpt.loaded.keySet()).containsExactlyInAnyOrderElementsOf(opt.state.keySet());
        opt.state.forEach((n, t) -> assertThat(freshOpt.loaded.get(n).toArray()).as(n).containsExactly(t.toArray()));

        assertThat(meta).containsEntry(Provenance.CONFIG, "{\"lr\":0.005,\"layers\":[1,2]}")
                .containsEntry(Provenance.SEED, "42").containsEntry(Provenance.OPTIMIZER, "FakeOptimizer")
                .containsEntry(Provenance.VERSION, "0.1.0-SNAPSHOT")
                .containsEntry(Provenance.JAVA_VERSION, System.getProperty("java.version"))
                .containsEntry(Provenance.ARCH, System.getProperty("os.arch")).containsEntry(Provenance.FORMAT, "pt")
                .containsKeys(Provenance.OS, Provenance.CREATED);
        assertThat(meta.get(Provenance.GIT_REVISION)).isEqualTo(gitHead());
        assertThat(java.time.Instant.parse(meta.get(Provenance.CREATED))).isBeforeOrEqualTo(java.time.Instant.now());
        assertThat(Checkpoint.readMetadata(f)).isEqualTo(meta);
    }

    @Test
    void fileUsesPyTorchNamesAndLayoutsAndOptimPrefix() throws IOException {
        Sequential m = model();
        Path f = dir.resolve("names.safetensors");
        Checkpoint.save(f, m, new FakeOptimizer(m.namedParameters()), "{}", 1L);
        Map<String, Tensor> raw = SafeTensors.read(f);
        assertThat(raw.keySet()).containsExactlyInAnyOrder("0.0.weight", "0.0.bias", "1.weight", "1.bias",
                "optim.0.0.weight.momentum_buffer", "optim.0.0.bias.momentum_buffer", "optim.1.weight.momentum_buffer",
                "optim.1.bias.momentum_buffer", "optim.step");
        assertThat(raw.get("0.0.weight").shape()).containsExactly(4, 3, 5, 5);
        assertThat(raw.get("0.0.weight").toArray()).containsExactly(m.namedParameters().get("0.0.weight").value().toArray());
        Checkpoint.load(f, model(), null); // weights only: optimiser state is ignored
    }

    @Test
    void failedWriteMidwayLeavesThePreviousCheckpointIntact() throws IOException {
        Sequential m = model();
        Path f = dir.resolve("atomic.safetensors");
        Checkpoint.save(f, m, null, "{\"v\":1}", 1L);
        byte[] before = Files.readAllBytes(f);

        Sequential changed = model();
        for (long failAfter : new long[] {0, 7, 100, before.length / 2}) {
            assertThatThrownBy(() -> Checkpoint.writeAtomically(f, Checkpoint.tensors(changed, null),
                    Provenance.describe("{\"v\":2}", 2L), ch -> failingAfter(ch, failAfter)))
                    .as("failure after %d bytes", failAfter).isInstanceOf(IOException.class).hasMessageContaining("disk full");
            assertThat(Files.readAllBytes(f)).isEqualTo(before);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("atomic.safetensors");
            }
        }
        Sequential fresh = model();
        assertThat(Checkpoint.load(f, fresh, null)).containsEntry(Provenance.CONFIG, "{\"v\":1}");
        assertThat(fresh.namedParameters().get("1.weight").value().toArray())
                .containsExactly(m.namedParameters().get("1.weight").value().toArray());
        Checkpoint.save(f, changed, null, "{\"v\":3}", 3L); // and a good write replaces it
        assertThat(Checkpoint.readMetadata(f)).containsEntry(Provenance.CONFIG, "{\"v\":3}");
    }

    @Test
    void extraMetadataIsStoredBesideTheProvenanceAndCannotReplaceIt() throws IOException {
        Path f = dir.resolve("arch.safetensors");
        Checkpoint.save(f, model(), null, "{}", 1L, Map.of("hanzinet.architecture", "{\"head\":\"2d\"}"));
        assertThat(Checkpoint.readMetadata(f)).containsEntry("hanzinet.architecture", "{\"head\":\"2d\"}")
                .containsEntry(Provenance.CONFIG, "{}");
        for (String key : List.of(Provenance.CONFIG, Provenance.OPTIMIZER)) {
            assertThatThrownBy(() -> Checkpoint.save(f, model(), null, "{}", 1L, Map.of(key, "x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + key + "' is a provenance key");
        }
        assertThat(Checkpoint.readMetadata(f)).containsEntry("hanzinet.architecture", "{\"head\":\"2d\"}");
    }

    @Test
    void loadNamesTheFirstMismatchAndLeavesTheModelUnchanged() throws IOException {
        Path f = dir.resolve("m.safetensors");
        Sequential m = model();
        Checkpoint.save(f, m, null, "{}", 1L);
        List<Object[]> cases = List.of(
                new Object[] {new Sequential(new Sequential(new Block(4, 3, 5)), new Block(2, 4, 1), new Block(1, 1, 1)),
                    "missing tensor '2.weight' (model parameter of shape [1, 1, 1, 1])"},
                new Object[] {new Sequential(new Sequential(new Block(4, 3, 5))), "unexpected tensor '1.bias' of shape [2] (the model has no such parameter)"},
                new Object[] {new Sequential(new Sequential(new Block(4, 3, 3)), new Block(2, 4, 1)),
                    "tensor '0.0.weight' has shape [4, 3, 5, 5] but the model expects [4, 3, 3, 3]"},
                new Object[] {new Sequential(new Block(4, 3, 5), new Block(2, 4, 1)), "missing tensor '0.weight'"});
        for (Object[] c : cases) {
            Module target = (Module) c[0];
            target.namedParameters().values().forEach(p -> p.value().fill(7f));
            assertThatThrownBy(() -> Checkpoint.load(f, target, null)).isInstanceOf(CheckpointMismatchException.class)
                    .hasMessageContaining("m.safetensors").hasMessageContaining((String) c[1]);
            target.namedParameters().forEach((n, p) -> assertThat(p.value().max()).as(n).isEqualTo(7f));
        }
    }

    @Test
    void wrongDtypeIsRejectedNamingTheTensor() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F64\",\"shape\":[1,1,1,1],\"data_offsets\":[0,8]},"
                + "\"bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bb = ByteBuffer.allocate(8 + h.length + 12).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h);
        Path f = dir.resolve("f64.safetensors");
        Files.write(f, bb.array());
        Module m = new Module() {
            {
                registerParameter("w", Tensor.zeros(1, 1, 1, 1));
                registerParameter("bias", Tensor.zeros(1));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }

            @Override
            public Tensor backward(Tensor gradOutput) {
                return gradOutput;
            }
        };
        assertThatThrownBy(() -> Checkpoint.load(f, m, null)).isInstanceOf(CheckpointMismatchException.class)
                .hasMessageContaining("tensor 'w' has dtype F64, expected F32");
    }

    @Test
    void optimiserStateMustBePresentAndOfTheSameKind() throws IOException {
        Sequential m = model();
        Path weightsOnly = dir.resolve("w.safetensors");
        Checkpoint.save(weightsOnly, m, null, "{}", 1L);
        assertThatThrownBy(() -> Checkpoint.load(weightsOnly, m, new FakeOptimizer(m.namedParameters())))
                .hasMessageContaining("holds no optimiser state, but a FakeOptimizer was given");
        Path withState = dir.resolve("s.safetensors");
        Checkpoint.save(withState, m, new FakeOptimizer(m.namedParameters()), "{}", 1L);
        Optimizer other = new OtherOptimizer(m.namedParameters());
        assertThatThrownBy(() -> Checkpoint.load(withState, m, other))
                .hasMessageContaining("optimiser state is from FakeOptimizer, not OtherOptimizer");
    }

    @Test
    void configurationMustBeJson() {
        assertThatThrownBy(() -> Checkpoint.save(dir.resolve("x.safetensors"), model(), null, "{lr: ", 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{lr: ");
        assertThat(Provenance.toJson(Map.of("lr", 0.5))).isEqualTo("{\"lr\":0.5}");
    }

    /** What the revision must be: git's answer in the build directory the classes come from, or "unknown". */
    private static String gitHead() {
        try {
            Path classes = Path.of(Provenance.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Process p = new ProcessBuilder("git", "-C", classes.toString(), "rev-parse", "HEAD").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException | java.net.URISyntaxException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** A channel that accepts {@code limit} bytes, then fails as a full disk would. */
    private static WritableByteChannel failingAfter(WritableByteChannel ch, long limit) {
        return new WritableByteChannel() {
            long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (written + src.remaining() > limit) {
                    int allowed = (int) (limit - written);
                    src.limit(src.position() + allowed);
                    written += ch.write(src);
                    throw new IOException("disk full (simulated after " + limit + " bytes)");
                }
                int n = ch.write(src);
                written += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return ch.isOpen();
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
