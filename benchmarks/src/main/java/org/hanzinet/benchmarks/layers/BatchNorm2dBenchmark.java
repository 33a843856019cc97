package org.hanzinet.benchmarks.layers;

import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.layers.BatchNorm2d;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * BatchNorm2d forward and backward at U-Net sizes, in training (batch statistics) and evaluation
 * (running statistics), on {@code threads} threads. The layer is memory-bound, so besides calls per
 * second the secondary metric {@code bytes} reports the bytes it must move per second (compare with the
 * machine's memory bandwidth). Bytes per call, with E elements of 4 bytes:
 *
 * <ul>
 *   <li>forward, train: 12 E (statistics read x; the output pass reads x and writes y);</li>
 *   <li>forward, eval: 8 E (read x, write y);</li>
 *   <li>backward, train: 20 E (sums read g and x; the gradient pass reads g and x and writes dx);</li>
 *   <li>backward, eval: 16 E (weight/bias sums read g and x; dx = g * scale reads g, writes dx).</li>
 * </ul>
 *
 * {@code 8x32x256x256}: a first-level U-Net block at batch 8 (64 MB per tensor); {@code 8x256x32x32}:
 * the bottleneck (8 MB per tensor, 256 channels of small planes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g"})
public class BatchNorm2dBenchmark {

    @Param({"8x32x256x256", "8x256x32x32"})
    public String shape;

    @Param({"train", "eval"})
    public String mode;

    @Param({"1", "2"})
    public int threads;

    private BatchNorm2d bn;
    private Tensor input;
    private Tensor gradOutput;
    private long elements;

    /** Bytes moved, reported by JMH per second alongside the call rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        int[] s = parse(shape);
        input = Tensor.zeros(s).uniform(new Rng(42), -1f, 3f);
        gradOutput = Tensor.zeros(s).uniform(new Rng(43), -1f, 1f);
        elements = input.numel();
        bn = new BatchNorm2d(s[1]);
        bn.weight().value().uniform(new Rng(44), 0.5f, 1.5f);
        bn.train(mode.equals("train"));
        bn.forward(input); // the cache backward needs
    }

    @Benchmark
    public Tensor forward(Traffic t) {
        t.bytes += (mode.equals("train") ? 12L : 8L) * elements;
        return bn.forward(input);
    }

    /** Uses the set-up's forward: backward alone. */
    @Benchmark
    public Tensor backward(Traffic t) {
        t.bytes += (mode.equals("train") ? 20L : 16L) * elements;
        return bn.backward(gradOutput);
    }

    /** "8x32x256x256" -> [8, 32, 256, 256]. */
    static int[] parse(String name) {
        String[] p = name.split("x");
        if (p.length != 4) {
            throw new IllegalArgumentException("shape '" + name + "' is not NxCxHxW, e.g. 8x32x256x256");
        }
        int[] s = new int[4];
        for (int i = 0; i < 4; i++) {
            s[i] = Integer.parseInt(p[i]);
        }
        return s;
    }
}
