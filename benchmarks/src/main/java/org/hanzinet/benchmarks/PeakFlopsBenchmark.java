package org.hanzinet.benchmarks;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's practical peak: a register-only FMA loop (12 independent vector accumulators, see
 * {@link ConvKernels#probe}) run by 1 and by 2 JMH threads, each on its own, reported as GFLOP/s in the
 * {@code gflops} counter (JMH sums it over the threads). Every conv figure can be read as a fraction of it.
 *
 * <p>Earlier versions ran the 2-thread case through {@code Parallel.forRange} inside one JMH thread: each
 * call then paid a fork/join round trip and the pool's workers compiled the probe late, so the figure read
 * 193 GFLOP/s (and 23 to 420 with wide error bars in later runs) while the conv kernels reached 300-410.
 * Independent JMH threads with a longer warm-up measure the peak itself: about 240 GFLOP/s on 1 thread and
 * 390 on 2 here (BENCHMARKS.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PeakFlopsBenchmark {
    private static final int ITERATIONS = 1_000_000;

    @Param({"vector", "scalar"})
    public String kernels;

    private ConvKernels k;

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Flops {
        public double gflops;
    }

    @Setup
    public void setUp() {
        k = "vector".equals(kernels) ? VectorizationProvider.get().convKernels()
                : VectorizationProvider.scalar().convKernels();
        if ("vector".equals(kernels) && !VectorizationProvider.get().isVectorized()) {
            throw new IllegalStateException("the Vector API is not enabled: run with --add-modules jdk.incubator.vector");
        }
    }

    @Benchmark
    @Threads(1)
    public float oneThread(Flops flops) {
        return probe(flops);
    }

    @Benchmark
    @Threads(2)
    public float twoThreads(Flops flops) {
        return probe(flops);
    }

    private float probe(Flops flops) {
        float r = k.probe(ITERATIONS);
        flops.gflops += (double) ITERATIONS * k.probeFlopsPerIteration() / 1e9;
        return r;
    }
}
