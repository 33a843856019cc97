package org.hanzinet.benchmarks;

import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.simd.ConvKernels;
import org.hanzinet.core.simd.VectorizationProvider;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's practical peak: a register-only FMA loop (12 independent vector accumulators, see
 * {@link ConvKernels#probe}) on 1 and 2 threads, reported as GFLOP/s in the {@code gflops} counter. Every
 * conv figure can be read as a fraction of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PeakFlopsBenchmark {
    private static final int ITERATIONS = 1_000_000;

    @Param({"1", "2"})
    public int threads;

    @Param({"vector", "scalar"})
    public String kernels;

    private ConvKernels k;
    private final float[] sink = new float[2];

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Flops {
        public double gflops;
    }

    @Setup
    public void setUp() {
        Parallel.setThreads(threads);
        k = "vector".equals(kernels) ? VectorizationProvider.get().convKernels()
                : VectorizationProvider.scalar().convKernels();
        if ("vector".equals(kernels) && !VectorizationProvider.get().isVectorized()) {
            throw new IllegalStateException("the Vector API is not enabled: run with --add-modules jdk.incubator.vector");
        }
    }

    @Benchmark
    public float probe(Flops flops) {
        Parallel.forRange(threads, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                sink[t] = k.probe(ITERATIONS);
            }
        });
        flops.gflops += (double) threads * ITERATIONS * k.probeFlopsPerIteration() / 1e9;
        return sink[0] + sink[1];
    }
}
