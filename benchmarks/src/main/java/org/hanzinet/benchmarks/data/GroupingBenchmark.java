package org.hanzinet.benchmarks.data;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.data.dataset.Grouping;
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
 * The seed's question: one (image, union mask) sample per image, or one (image, single-character mask)
 * sample per character? One epoch over 100 synthetic CTW images (Chinese characters only), every
 * sample prepared into reused tensors: per image; per polygon decoding each image again for every
 * character (the seed's duplication); per polygon with the decoded uint8 images cached.
 * The setup prints samples, bytes per sample and what holding every sample in memory would take.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar 'data.GroupingBenchmark' -f 1 [-p size=2048]</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class GroupingBenchmark {
    @Param({"512"})
    public int size;

    @Param({"100"})
    public int images;

    SyntheticSet set;
    CtwDataset perImage;
    CtwDataset perPolygon;
    CtwDataset perPolygonCached;
    Tensor image;
    Tensor mask;
    Tensor ignore;

    @Setup(Level.Trial)
    public void setup() {
        set = new SyntheticSet(images, size, 4);
        List<CtwImage> anns = CtwReader.readAll(set.jsonl, CtwReadOptions.defaults());
        DatasetOptions opts = DatasetOptions.defaults();
        perImage = new CtwDataset(set.images(), anns, opts);
        perPolygon = new CtwDataset(set.images(), anns, opts.withGrouping(Grouping.PER_POLYGON));
        perPolygonCached = new CtwDataset(set.images(), anns,
                opts.withGrouping(Grouping.PER_POLYGON).withCacheBytes(3L * size * size * images));
        image = Tensor.zeros(3, size, size);
        mask = Tensor.zeros(1, size, size);
        ignore = Tensor.zeros(1, size, size);
        long perSample = 4L * 5 * size * size; // [3,H,W] + [1,H,W] + [1,H,W] float32
        System.out.printf("%n[grouping] %d images at %dx%d: per-image %d samples, per-polygon %d samples; "
                + "%.1f MiB per float sample; holding all: per-image %.2f GiB, per-polygon %.2f GiB; "
                + "uint8 cache of all images %.1f MiB%n", images, size, size, perImage.size(), perPolygon.size(),
                perSample / 1048576.0, perSample * (double) perImage.size() / (1L << 30),
                perSample * (double) perPolygon.size() / (1L << 30), 3.0 * size * size * images / 1048576.0);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        set.close();
    }

    private double epoch(CtwDataset ds) {
        double sum = 0;
        for (int i = 0; i < ds.size(); i++) {
            ds.fill(i, image, mask, ignore);
            sum += mask.getFlat(i % mask.numel());
        }
        return sum;
    }

    @Benchmark
    public double perImageEpoch() {
        return epoch(perImage);
    }

    @Benchmark
    public double perPolygonEpoch() {
        return epoch(perPolygon);
    }

    @Benchmark
    public double perPolygonCachedEpoch() {
        return epoch(perPolygonCached);
    }
}
