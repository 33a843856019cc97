package org.hanzinet.benchmarks.linalg;

import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.linalg.Gemm;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EJML against the skinny path ({@code path}: {@link Gemm.Path#EJML}, {@link Gemm.Path#SKINNY}) on the
 * three GEMMs of model 1's first Linear at batch 5, where EJML reads the weight once per batch row and
 * the skinny path once. Shapes ({@code shape}, see {@link LinearShape}): {@code m1_fc1_512}
 * Linear(59,536 -> 253), a 60 MB weight; {@code skinny_1m} Linear(1,048,576 -> 253), a 1 GB weight;
 * {@code -p shape=m1_fc1} runs the 4.2 GB one of 2048 px images. Operations ({@code op}) as in
 * {@link LinearGemmBenchmark}: {@code forward} {@code y[5, out] = x[5, in] W[out, in]^T},
 * {@code inputGrad} {@code dx[5, in] = dy[5, out] W[out, in]}, {@code weightGrad}
 * {@code dW[out, in] += dy[5, out]^T x[5, in]}. Bytes per call: the weight (forward, inputGrad) or
 * twice it (weightGrad, read and written); GB/s = that / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms6g", "-Xmx6g"})
public class SkinnyGemmBenchmark {

    @Param({"m1_fc1_512", "skinny_1m"})
    public String shape;

    @Param({"forward", "inputGrad", "weightGrad"})
    public String op;

    @Param({"EJML", "SKINNY"})
    public Gemm.Path path;

    @Param({"MULTI"})
    public Gemm.Threads threads;

    private Tensor a;
    private Tensor b;
    private Tensor c;
    private boolean transA;
    private boolean transB;
    private float beta;

    @Setup(Level.Trial)
    public void setUp() {
        int[] s = LinearShape.of(shape);
        int n = s[0];
        int in = s[1];
        int out = s[2];
        switch (op) {
            case "forward" -> { a = LinearGemmBenchmark.filled(n, in); b = LinearGemmBenchmark.filled(out, in);
                c = Tensor.zeros(n, out); transB = true; }
            case "inputGrad" -> { a = LinearGemmBenchmark.filled(n, out); b = LinearGemmBenchmark.filled(out, in);
                c = Tensor.zeros(n, in); }
            case "weightGrad" -> { a = LinearGemmBenchmark.filled(n, out); b = LinearGemmBenchmark.filled(n, in);
                c = LinearGemmBenchmark.filled(out, in); transA = true; beta = 1f; }
            default -> throw new IllegalArgumentException("unknown op '" + op + "' (forward, inputGrad, weightGrad)");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        a = null;
        b = null;
        c = null;
    }

    @Benchmark
    public Tensor gemm() {
        return Gemm.gemm(transA, transB, 1f, a, b, beta, c, threads, path);
    }
}
