package org.hanzinet.benchmarks;

import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.conv.ConvAlgorithm;
import org.hanzinet.core.conv.ConvGeometry;
import org.hanzinet.core.conv.ConvImpl;
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
 * Conv2d passes per implementation, layer and thread count. Besides the time per operation JMH reports
 * the secondary metric {@code gflops} ("ops/s" of a counter advanced by each operation's GFLOP count),
 * i.e. GFLOP/s directly.
 *
 * <p>Quick look: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar
 * ConvBenchmark -p impl=direct -p threads=2 -wi 2 -i 3}. The scalar path at 2048² takes seconds per
 * operation: run it with {@code -wi 1 -i 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms6g", "-Xmx6g"})
public class ConvBenchmark {

    @Param({"m1_conv1", "m1_conv2", "m2_conv1", "m2_conv2", "m2_conv3", "m2_conv4", "g_16to32_k3_128",
        "g_32to32_k5_s2_255", "g_b8_8to8_k5_64", "u_b8_16to16_k3_256",
        "u_b8_32to32_k3_128", "u_b8_128to128_k3_32", "u_b8_256to256_k3_16", "u_b8_384to128_k3_32"})
    public String layer;

    @Param({"direct", "im2col", "scalar"})
    public String impl;

    @Param({"forward", "inputGrad", "weightGrad"})
    public String pass;

    @Param({"1", "2"})
    public int threads;

    private ConvGeometry g;
    private ConvAlgorithm conv;
    private Tensor x, w, b, y, dy, dx, dw, db;
    private double gflop;

    /** GFLOP done, reported by JMH as a rate: GFLOP/s. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Flops {
        public double gflops;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        g = ConvLayers.get(layer);
        conv = ConvImpl.parse(impl).create();
        Rng rng = new Rng(42);
        x = Tensor.zeros(g.inputShape()).uniform(rng, 0f, 1f);
        w = Tensor.zeros(g.weightShape()).uniform(rng, -0.1f, 0.1f);
        b = Tensor.zeros(g.outChannels()).uniform(rng, -0.1f, 0.1f);
        y = Tensor.zeros(g.outputShape());
        dy = Tensor.zeros(g.outputShape()).uniform(rng, -1f, 1f);
        dx = Tensor.zeros(g.inputShape());
        dw = Tensor.zeros(g.weightShape());
        db = Tensor.zeros(g.outChannels());
        gflop = g.flops() / 1e9;
        run(); // first touch of every work buffer happens here, not in the measurement
    }

    private Object run() {
        switch (pass) {
            case "forward":
                return conv.forward(g, x, w, b, y);
            case "inputGrad":
                return conv.backwardInput(g, dy, w, dx);
            case "weightGrad":
                conv.backwardWeight(g, x, dy, dw, db);
                return dw;
            default:
                throw new IllegalArgumentException("unknown pass '" + pass + "': forward, inputGrad or weightGrad");
        }
    }

    @Benchmark
    public Object conv(Flops flops) {
        flops.gflops += gflop;
        return run();
    }
}
