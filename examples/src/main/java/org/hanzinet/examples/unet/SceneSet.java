package org.hanzinet.examples.unet;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.data.synthetic.SyntheticCtw;
import org.hanzinet.examples.data.SyntheticCache;

/**
 * The U-Net's data: {@code scenes + valScenes + testScenes} synthetic scenes generated once into the cache
 * ({@link SyntheticCache#ensure}, reused by every run with the same numbers on the same JDK) and split in file
 * order: training, validation, test. Images are decoded
 * on the fly by the loader threads, so memory holds only the batches in flight, however many scenes there are.
 */
public record SceneSet(CtwDataset train, CtwDataset val, CtwDataset test, Path dir) {

    /** The cache root a scene folder was generated under ({@code <root>/synthetic-ctw/<key>}). */
    public static Path cacheRootOf(Path sceneDir) {
        return sceneDir.toAbsolutePath().getParent().getParent();
    }

    /** Generates the scenes of {@code cfg} when the cache has none, then opens the three splits. */
    public static SceneSet prepare(UNetConfig cfg, Path cacheRoot, PrintWriter out) throws IOException {
        int total = cfg.scenes() + cfg.valScenes() + cfg.testScenes();
        Path dir = SyntheticCache.ensure(cacheRoot, total, cfg.sceneSize(), cfg.dataSeed(), out);
        Path jsonl = dir.resolve("annotations.jsonl");
        List<CtwImage> all = CtwReader.readAll(jsonl, CtwReadOptions.defaults());
        if (all.size() != total) {
            throw new IOException(jsonl + " has " + all.size() + " scenes, expected " + total
                    + ": delete " + dir + " to generate it again");
        }
        Path images = SyntheticCtw.imageDir(jsonl);
        DatasetOptions options = DatasetOptions.defaults();
        int a = cfg.scenes();
        int b = a + cfg.valScenes();
        return new SceneSet(new CtwDataset(images, all.subList(0, a), options),
                new CtwDataset(images, all.subList(a, b), options),
                new CtwDataset(images, all.subList(b, total), options), dir);
    }
}
