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
 * The three GEMMs of a Linear layer through core's {@link Gemm}, at the Linear shapes of the reference
 * models, on one thread ({@code SINGLE}) and on all cores ({@code MULTI}), by default on the path {@code Gemm}
 * picks ({@code path=AUTO}: the skinny one at these batches of 3 and 5). EJML against the skinny path, where
 * EJML reads the weight once per batch row and the skinny path once:
 * {@code -p path=EJML,SKINNY -p threads=MULTI -p shape=m1_fc1_512,skinny_1m}.
 *
 * <p>Shapes ({@code shape} parameter), batch and layer as in training:
 * <ul>
 *   <li>{@code m1_fc1}: model 1's Linear(4,145,296 -> 253) at batch 5; the weight alone is 4.2 GB, so each
 *       GEMM streams at least 4.2 GB and is memory-bound (2 flops per weight per sample: 10.5 GFLOP).</li>
 *   <li>{@code m2_fc}: model 2's Linear(524,288 -> 20) at batch 3 (42 MB of weights).</li>
 *   <li>{@code m1_fc2}: model 1's Linear(253 -> 120) at batch 5, a small compute-bound case.</li>
 *   <li>{@code m1_fc1_512} (Linear(59,536 -> 253), 512 px images, a 60 MB weight) and {@code skinny_1m}
 *       (Linear(1,048,576 -> 253), a 1 GB weight), both at batch 5: for the path comparison.</li>
 * </ul>
 * Operations ({@code op}): {@code forward} {@code y[N,out] = x[N,in] W[out,in]^T}; {@code inputGrad}
 * {@code dx[N,in] = dy[N,out] W[out,in]}; {@code weightGrad} {@code dW[out,in] += dy[N,out]^T x[N,in]}
 * (accumulating, as Linear's backward does). Each op allocates only the operands it touches, so the
 * largest case needs about 4.3 GB of heap; the fork runs with a fixed 6 GB heap.
 * FLOPs per call = 2 * N * in * out; GFLOP/s = that / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms6g", "-Xmx6g"})
public class LinearGemmBenchmark {

    @Param({"m1_fc1", "m2_fc", "m1_fc2"})
    public String shape;

    @Param({"forward", "inputGrad", "weightGrad"})
    public String op;

    @Param({"SINGLE", "MULTI"})
    public Gemm.Threads threads;

    @Param({"AUTO"})
    public Gemm.Path path;

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
            case "forward" -> { a = filled(n, in); b = filled(out, in); c = Tensor.zeros(n, out); transB = true; }
            case "inputGrad" -> { a = filled(n, out); b = filled(out, in); c = Tensor.zeros(n, in); }
            case "weightGrad" -> { a = filled(n, out); b = filled(n, in); c = filled(out, in); transA = true; beta = 1f; }
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

    /**
     * Deterministic, non-denormal values in [-0.5, 0.5): a random fill of 4.2 GB would dominate the
     * set-up time and the values do not change GEMM's speed.
     */
    static Tensor filled(int rows, int cols) {
        Tensor t = Tensor.zeros(rows, cols);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = ((i * 7919) % 1000) * 0.001f - 0.5f;
        }
        return t;
    }
}
