package org.hanzinet.benchmarks.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Rng;
import org.hanzinet.data.ctw.Polygon;
import org.hanzinet.data.mask.PolygonRasterizer;
import org.hanzinet.data.mask.SeedRasterizer;
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
 * The character mask of a 2048 x 2048 image with 50 CTW-sized character polygons: our scanline
 * rasteriser against the seed's method (every pixel centre tested against every polygon by ray
 * casting; about 5.8 s per image in the seed's numpy). Both write the identical mask (tested in the
 * data module). {@code *IntoZeroedMask} also clears the 2048 x 2048 float mask first, which dominates
 * our cost.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar 'data.RasterizerBenchmark' -f 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RasterizerBenchmark {
    @Param({"2048"})
    public int size;

    @Param({"50"})
    public int polygons;

    List<Polygon> polys;
    float[] mask;

    @Setup
    public void setup() {
        Rng rng = new Rng(1);
        polys = new ArrayList<>();
        for (int i = 0; i < polygons; i++) {
            // CTW's character sizes at 2048 (30 % 8-16 px, 46 % 16-32 px, 24 % 32-192 px), slightly rotated.
            double u = rng.nextDouble();
            double s = u < 0.30 ? 8 + 8 * rng.nextDouble() : u < 0.76 ? 16 + 16 * rng.nextDouble()
                    : 32 * Math.exp(Math.log(6) * rng.nextDouble());
            double cx = s + rng.nextDouble() * (size - 2 * s);
            double cy = s + rng.nextDouble() * (size - 2 * s);
            double a = Math.toRadians(rng.uniform(-15, 15));
            double[] xy = new double[8];
            double[][] c = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
            for (int k = 0; k < 4; k++) {
                double x = c[k][0] * s / 2;
                double y = c[k][1] * s / 2;
                xy[2 * k] = cx + x * Math.cos(a) - y * Math.sin(a);
                xy[2 * k + 1] = cy + x * Math.sin(a) + y * Math.cos(a);
            }
            polys.add(Polygon.of(xy));
        }
        mask = new float[size * size];
    }

    /** Ours: rasterise the 50 polygons into the (already cleared) mask. */
    @Benchmark
    public float[] scanline() {
        for (Polygon p : polys) {
            PolygonRasterizer.fill(p, mask, 0, size, size, "bench");
        }
        return mask;
    }

    /** Ours, including clearing the 2048 x 2048 float mask (what a fresh mask costs). */
    @Benchmark
    public float[] scanlineIntoZeroedMask() {
        Arrays.fill(mask, 0f);
        return scanline();
    }

    /** The seed's method: every pixel centre against every polygon. Seconds per call: single shots. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public float[] seedEveryPixel() {
        Arrays.fill(mask, 0f);
        for (Polygon p : polys) {
            SeedRasterizer.fill(p, mask, 0, size, size, "bench");
        }
        return mask;
    }
}
