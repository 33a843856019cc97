package org.hanzinet.benchmarks.layers;

import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.layers.UpsampleBilinear2d;
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
 * The U-Net's bilinear x2 up-sampling ({@code UpsampleBilinear2d.Config.scale(2, 2, false)}) forward and
 * backward, on its x2 path against the general loops, at the decoder's first and last up-sampling on
 * 256 x 256 images, batch 8, on {@code threads} threads:
 *
 * <ul>
 *   <li>{@code unet_16}: [8, 256, 16, 16] -> [8, 256, 32, 32] (2 MB out).</li>
 *   <li>{@code unet_128}: [8, 32, 128, 128] -> [8, 32, 256, 256] (67 MB out).</li>
 * </ul>
 *
 * <p>{@code path=general} runs the same shapes with {@code align_corners=True}, which the x2 path does not
 * take: the general loops' cost does not depend on the weights (four loads and multiply-adds per output
 * forward, four scattered double adds per output backward), and their switch for tests is package-private.
 * Bytes per call, for GB/s: forward {@code 4 * (in + out)}, backward {@code 4 * (out + in)}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class UpsampleBilinearX2Benchmark {

    @Param({"unet_16", "unet_128"})
    public String shape;

    @Param({"x2", "general"})
    public String path;

    @Param({"1", "2"})
    public int threads;

    private UpsampleBilinear2d up;
    private Tensor input;
    private Tensor gradOutput;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        int[] s = switch (shape) {
            case "unet_16" -> new int[] {8, 256, 16, 16};
            case "unet_128" -> new int[] {8, 32, 128, 128};
            default -> throw new IllegalArgumentException("unknown U-Net up-sampling shape '" + shape
                    + "' (unet_16, unet_128)");
        };
        up = new UpsampleBilinear2d(switch (path) {
            case "x2" -> UpsampleBilinear2d.Config.scale(2, 2, false);
            case "general" -> UpsampleBilinear2d.Config.size(2 * s[2], 2 * s[3], true);
            default -> throw new IllegalArgumentException("unknown path '" + path + "' (x2, general)");
        });
        input = Tensor.zeros(s).uniform(new Rng(42), -1f, 1f);
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
