package org.hanzinet.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.hanzinet.data.dataset.BatchBuffers;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DataLoader;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.data.dataset.LoaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark run's batches are the single-machine loader's batches. */
class BatchPlanTest {
    @TempDir
    Path dir;

    @Test
    void batchesAreThoseOfTheDataLoaderWithTheSameSeed() {
        List<PhotoSample> photos = SparkFixture.photos(dir, 7, 16);
        CtwDataset ds = new CtwDataset(dir.resolve("images"), photos.stream().map(PhotoSample::annotations).toList(),
                DatasetOptions.defaults());
        for (int epoch = 1; epoch <= 3; epoch++) {
            int[] order = new DataLoader(ds, LoaderOptions.of(3).withSeed(99), new BatchBuffers()).order(epoch);
            BatchPlan plan = new BatchPlan(7, 3, 99, epoch);
            assertThat(plan.steps()).isEqualTo(3);
            for (int s = 0; s < 3; s++) {
                int[] expected = Arrays.copyOfRange(order, s * 3, Math.min(7, s * 3 + 3));
                Arrays.sort(expected);
                assertThat(plan.batch(s)).containsExactly(expected);
            }
        }
    }
}
