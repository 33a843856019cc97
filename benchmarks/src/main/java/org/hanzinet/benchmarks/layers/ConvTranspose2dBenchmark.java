package org.hanzinet.benchmarks.layers;

import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.conv.ConvImpl;
import org.hanzinet.nn.layers.ConvTranspose2d;
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
 * ConvTranspose2d forward and backward (weight, bias and input gradient) at U-Net up-sampling shapes, batch 8,
 * on {@code threads} threads with the convolution implementation {@code impl} ({@code auto} is
 * {@link ConvImpl#choose}):
 *
 * <ul>
 *   <li>{@code k2s2_64to32_64}: 2x2 stride 2, 64 -> 32 channels, [8, 64, 64, 64] -> [8, 32, 128, 128].</li>
 *   <li>{@code k2s2_128to64_32}: 2x2 stride 2, 128 -> 64 channels, [8, 128, 32, 32] -> [8, 64, 64, 64].</li>
 *   <li>{@code k4s2p1_64to32_64}: 4x4 stride 2 padding 1, 64 -> 32, [8, 64, 64, 64] -> [8, 32, 128, 128].</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class ConvTranspose2dBenchmark {

    @Param({"k2s2_64to32_64", "k2s2_128to64_32", "k4s2p1_64to32_64"})
    public String shape;

    @Param({"auto", "im2col"})
    public String impl;

    @Param({"1", "2"})
    public int threads;

    private ConvTranspose2d layer;
    private Tensor input;
    private Tensor gradOutput;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        Rng rng = new Rng(42);
        switch (shape) {
            case "k2s2_64to32_64" -> { layer = new ConvTranspose2d(64, 32, 2, 2, 0, 0, true, rng); input = Tensor.zeros(8, 64, 64, 64); }
            case "k2s2_128to64_32" -> { layer = new ConvTranspose2d(128, 64, 2, 2, 0, 0, true, rng); input = Tensor.zeros(8, 128, 32, 32); }
            case "k4s2p1_64to32_64" -> { layer = new ConvTranspose2d(64, 32, 4, 2, 1, 0, true, rng); input = Tensor.zeros(8, 64, 64, 64); }
            default -> throw new IllegalArgumentException("unknown ConvTranspose2d shape '" + shape
                    + "' (k2s2_64to32_64, k2s2_128to64_32, k4s2p1_64to32_64)");
        }
        layer.implementation("auto".equals(impl) ? null : ConvImpl.parse(impl));
        input.uniform(new Rng(43), -1f, 1f);
        gradOutput = layer.forward(input).zerosLike().uniform(new Rng(44), -1f, 1f);
    }

    @Benchmark
    public Tensor forward() {
        return layer.forward(input);
    }

    /** Weight, bias and input gradient (after the forward of setUp: backward reuses the cached input). */
    @Benchmark
    public Tensor backward() {
        return layer.backward(gradOutput);
    }
}
