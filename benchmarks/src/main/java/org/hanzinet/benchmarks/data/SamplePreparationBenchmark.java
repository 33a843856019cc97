package org.hanzinet.benchmarks.data;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.data.image.ImageDecoder;
import org.hanzinet.data.image.RgbImage;
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
 * What preparing a 2048 x 2048 training sample costs beyond decoding its JPEG: decode alone, against
 * decode + character and ignore masks + HWC->CHW float conversion (goal: at most 1.5x the decode),
 * into reused tensors ({@code prepareInto}, the loader's batch path) or freshly allocated ones
 * ({@code prepareAllocating}, {@code CtwDataset.get}).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar 'data.SamplePreparationBenchmark' -f 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SamplePreparationBenchmark {
    @Param({"2048"})
    public int size;

    SyntheticSet set;
    CtwDataset dataset;
    Path file;
    Tensor image;
    Tensor mask;
    Tensor ignore;

    @Setup(Level.Trial)
    public void setup() {
        set = new SyntheticSet(1, size, 11);
        CtwImage img = CtwReader.readAll(set.jsonl, CtwReadOptions.defaults()).get(0);
        dataset = new CtwDataset(set.images(), java.util.List.of(img), DatasetOptions.defaults());
        file = set.images().resolve(img.fileName());
        image = Tensor.zeros(3, size, size);
        mask = Tensor.zeros(1, size, size);
        ignore = Tensor.zeros(1, size, size);
        System.out.printf("%n[sample] %s: %d Chinese characters, %d ignore regions%n", file.getFileName(),
                img.characters().size(), img.ignores().size());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        set.close();
    }

    @Benchmark
    public RgbImage decodeOnly() {
        return ImageDecoder.decode(file);
    }

    @Benchmark
    public Tensor prepareInto() {
        dataset.fill(0, image, mask, ignore);
        return image;
    }

    @Benchmark
    public Object prepareAllocating() {
        return dataset.get(0);
    }
}
