package org.hanzinet.benchmarks.layers;

import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.layers.MaxPool2d;
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
 * MaxPool2d(2, 2) forward and backward at the pooling layers of the reference models (batch 1, the
 * conv output each one follows), on {@code threads} threads through {@link Parallel}.
 *
 * <p>Memory-bound: forward reads the input once and writes the output and the arg-max; backward
 * zeroes the input gradient and scatters into it. Bytes moved per call, for GB/s: forward
 * {@code 4 * (in + 2 * out)}, backward {@code 4 * (in + 2 * out)} (zero-fill + gradient + arg-max).
 * {@code m2_pool2} is the largest: 128 x 1024 x 1024 input (512 MB).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g"})
public class MaxPool2dBenchmark {

    @Param({"m1_pool1", "m1_pool2", "m2_pool1", "m2_pool2", "m2_pool3", "m2_pool4"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private MaxPool2d pool;
    private Tensor input;
    private Tensor gradOutput;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        input = Tensor.zeros(inputShape(shape)).uniform(new Rng(42), -1f, 1f);
        pool = new MaxPool2d(2, 2);
        Tensor y = pool.forward(input);
        gradOutput = y.zerosLike().uniform(new Rng(43), -1f, 1f);
    }

    @Benchmark
    public Tensor forward() {
        return pool.forward(input);
    }

    /** Uses the arg-max of the set-up's forward: backward alone. */
    @Benchmark
    public Tensor backward() {
        return pool.backward(gradOutput);
    }

    /** [1, C, H, W] of the conv output each pooling layer follows. */
    static int[] inputShape(String name) {
        return switch (name) {
            case "m1_pool1" -> new int[] {1, 3, 2044, 2044};
            case "m1_pool2" -> new int[] {1, 16, 1018, 1018};
            case "m2_pool1" -> new int[] {1, 3, 2048, 2048};
            case "m2_pool2" -> new int[] {1, 128, 1024, 1024};
            case "m2_pool3" -> new int[] {1, 64, 512, 512};
            case "m2_pool4" -> new int[] {1, 32, 256, 256};
            default -> throw new IllegalArgumentException("unknown pooling shape '" + name
                    + "' (m1_pool1, m1_pool2, m2_pool1..m2_pool4)");
        };
    }
}
