package org.hanzinet.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.data.synthetic.SyntheticCtw;

/** One local[2] Spark context for the whole test JVM, and synthetic CTW photos. */
final class SparkFixture {
    private static JavaSparkContext context;

    private SparkFixture() {}

    static synchronized JavaSparkContext spark() {
        if (context == null) {
            context = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("hanzinet-spark-test")
                    .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
        }
        return context;
    }

    /** {@code count} synthetic photos of {@code size} px in {@code dir}, as the trainer's sample list. */
    static List<PhotoSample> photos(Path dir, int count, int size) {
        Path jsonl = SyntheticCtw.generate(dir, count, size, 7);
        Path images = SyntheticCtw.imageDir(jsonl);
        List<CtwImage> anns = CtwReader.readAll(jsonl, CtwReadOptions.defaults());
        List<PhotoSample> out = new ArrayList<>();
        for (int i = 0; i < anns.size(); i++) {
            out.add(new PhotoSample(i, images.resolve(anns.get(i).fileName()).toUri().toString(), anns.get(i)));
        }
        return out;
    }

    /** The same photos prepared on one machine: {images [N,3,S,S], masks [N,1,S,S], weights [N,1,S,S]}. */
    static Tensor[] localBatch(Path dir, List<PhotoSample> photos, int[] indices, int size) {
        List<CtwImage> anns = photos.stream().map(PhotoSample::annotations).toList();
        CtwDataset ds = new CtwDataset(dir.resolve("images"), anns,
                DatasetOptions.defaults().withSize(size, size));
        int n = indices.length;
        Tensor images = Tensor.zeros(n, 3, size, size);
        Tensor masks = Tensor.zeros(n, 1, size, size);
        Tensor weights = Tensor.full(1f, n, 1, size, size);
        for (int i = 0; i < n; i++) {
            Sample s = ds.get(indices[i]);
            images.slice(i).copyFrom(s.image());
            masks.slice(i).copyFrom(s.mask());
            weights.slice(i).sub(s.ignore());
        }
        return new Tensor[] {images, masks, weights};
    }
}
