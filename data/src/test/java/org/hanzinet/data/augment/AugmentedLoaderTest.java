package org.hanzinet.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.dataset.Batch;
import org.hanzinet.data.dataset.CtwDataset;
import org.hanzinet.data.dataset.DataLoadException;
import org.hanzinet.data.dataset.DataLoader;
import org.hanzinet.data.dataset.DatasetOptions;
import org.hanzinet.data.dataset.LoaderOptions;
import org.hanzinet.data.dataset.Sample;
import org.hanzinet.data.synthetic.SyntheticCtw;
import org.hanzinet.data.testing.ArrayAssert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The augmentation pipeline inside a {@link DataLoader}: synthetic scenes in, augmented crops out. */
class AugmentedLoaderTest {
    @TempDir
    static Path dir;
    static CtwDataset dataset;
    static final AugmentPipeline PIPELINE = AugmentPipeline.segmentation(32);

    @BeforeAll
    static void generate() {
        Path jsonl = SyntheticCtw.generate(dir, 6, 64, 5);
        dataset = new CtwDataset(SyntheticCtw.imageDir(jsonl), CtwReader.readAll(jsonl, CtwReadOptions.defaults()),
                DatasetOptions.defaults());
    }

    private static List<Batch> drain(DataLoader loader, int epoch) {
        List<Batch> out = new ArrayList<>();
        try (DataLoader.Epoch e = loader.epoch(epoch)) {
            e.forEachRemaining(b -> out.add(b.copy())); // the loader reuses its batch buffers
        }
        return out;
    }

    @Test
    void batchesHoldTheAugmentedSamplesAndAreTheSameOnAnyNumberOfThreads() {
        List<Batch> sync = drain(new DataLoader(dataset, LoaderOptions.of(3).withSeed(2).withPrefetch(0, 1))
                .withTransform(PIPELINE.withSeed(9)), 1);
        List<Batch> async = drain(new DataLoader(dataset, LoaderOptions.of(3).withSeed(2).withPrefetch(2, 2))
                .withTransform(PIPELINE.withSeed(9)), 1);
        assertThat(sync).hasSize(2);
        for (int b = 0; b < 2; b++) {
            assertThat(sync.get(b).images().shape()).containsExactly(3, 3, 32, 32);
            assertThat(sync.get(b).ids()).isEqualTo(async.get(b).ids());
            ArrayAssert.assertSameFloats("images", sync.get(b).images().toArray(), async.get(b).images().toArray());
            ArrayAssert.assertSameFloats("masks", sync.get(b).masks().toArray(), async.get(b).masks().toArray());
        }
        Batch first = sync.get(0);
        int index = Integer.parseInt(first.ids().get(2));
        Sample expected = PIPELINE.apply(dataset.get(index), 9, 1, index);
        ArrayAssert.assertSameFloats("slot 2 image", first.images().slice(2).toArray(), expected.image().toArray());
        ArrayAssert.assertSameFloats("slot 2 mask", first.masks().slice(2).toArray(), expected.mask().toArray());
        ArrayAssert.assertSameFloats("slot 2 ignore", first.ignores().slice(2).toArray(), expected.ignore().toArray());
        float[] weights = first.weights().slice(2).toArray();
        float[] ignore = expected.ignore().toArray();
        for (int i = 0; i < ignore.length; i++) {
            assertThat(weights[i]).as("weight %d = 1 - ignore", i).isEqualTo(1 - ignore[i]);
        }
    }

    @Test
    void anotherEpochAugmentsTheSameSampleDifferently() {
        DataLoader loader = new DataLoader(dataset, LoaderOptions.of(6).withShuffle(false)).withTransform(PIPELINE.withSeed(9));
        float[] e0 = loader.batch(new int[] {0}, 0).images().toArray();
        assertThat(loader.batch(new int[] {0}, 0).images().toArray()).isEqualTo(e0);
        assertThat(loader.batch(new int[] {0}, 1).images().toArray()).isNotEqualTo(e0);
    }

    @Test
    void samplesOfDifferentSizesAfterTheTransformAreOneLineError() {
        DataLoader loader = new DataLoader(dataset, LoaderOptions.of(2).withShuffle(false))
                .withTransform((in, epoch, index) -> new RandomScaleCrop(8 + index, 8, 1, 1).apply(in, new Rng(0)));
        assertThatThrownBy(() -> loader.batch(new int[] {0, 1}, 0)).isInstanceOf(DataLoadException.class)
                .hasMessage("samples 0000000 (8x8) and 0000001 (9x8) differ in size after the transform: end it with a"
                        + " fixed-size crop to batch them");
    }
}
