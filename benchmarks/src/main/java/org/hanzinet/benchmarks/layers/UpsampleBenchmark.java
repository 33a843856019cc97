package org.hanzinet.benchmarks.layers;

import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.layers.UpsampleBilinear2d;
import org.hanzinet.nn.layers.UpsampleNearest1d;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two up-samplings forward and backward at the reference models' head sizes, on {@code threads}
 * threads: the output image is 2048 x 2048 per sample, so both are memory-bound writes (forward) and
 * reductions (backward) over 16 MB per sample and channel.
 *
 * <ul>
 *   <li>{@code nearest_m1}: UpsampleNearest1d, [5, 1, 64] -> [5, 1, 4194304] (model 1, batch 5).</li>
 *   <li>{@code nearest_m2}: UpsampleNearest1d, [3, 1, 20] -> [3, 1, 4194304] (model 2, batch 3).</li>
 *   <li>{@code bilinear_grid8}: UpsampleBilinear2d, [5, 1, 8, 8] -> [5, 1, 2048, 2048] (the 2-D head).</li>
 *   <li>{@code bilinear_c16}: UpsampleBilinear2d, [1, 16, 128, 128] -> [1, 16, 512, 512] (generic).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class UpsampleBenchmark {

    @Param({"nearest_m1", "nearest_m2", "bilinear_grid8", "bilinear_c16"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private Module up;
    private Tensor input;
    private Tensor gradOutput;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        switch (shape) {
            case "nearest_m1" -> { up = new UpsampleNearest1d(2048 * 2048); input = Tensor.zeros(5, 1, 64); }
            case "nearest_m2" -> { up = new UpsampleNearest1d(2048 * 2048); input = Tensor.zeros(3, 1, 20); }
            case "bilinear_grid8" -> { up = new UpsampleBilinear2d(2048, 2048); input = Tensor.zeros(5, 1, 8, 8); }
            case "bilinear_c16" -> { up = new UpsampleBilinear2d(512, 512); input = Tensor.zeros(1, 16, 128, 128); }
            default -> throw new IllegalArgumentException("unknown up-sampling shape '" + shape
                    + "' (nearest_m1, nearest_m2, bilinear_grid8, bilinear_c16)");
        }
        input.uniform(new Rng(42), 0f, 1f);
        gradOutput = up.forward(input).zerosLike().uniform(new Rng(43), -1f, 1f);
    }

    @Benchmark
    public Tensor forward() {
        return up.forward(input);
    }

    @Benchmark
    public Tensor backward() {
        return up.backward(gradOutput);
    }
}
