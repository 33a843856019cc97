package org.hanzinet.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.testing.ArrayAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DataLoaderTest {
    @TempDir
    Path dir;

    /** Every batch of {@code epoch}, copied (the loader reuses its tensors from batch to batch). */
    List<Batch> drain(DataLoader loader, int epoch) {
        List<Batch> out = new ArrayList<>();
        try (DataLoader.Epoch e = loader.epoch(epoch)) {
            e.forEachRemaining(b -> out.add(b.copy()));
        }
        return out;
    }

    @Test
    void batchesHaveNchwShapesAndCoverEverySampleOnce() {
        CtwDataset ds = new CtwDataset(dir, TinyCtw.write(dir, 7, 16, 12), DatasetOptions.defaults());
        List<Batch> batches = drain(new DataLoader(ds, LoaderOptions.of(3).withSeed(1)), 0);
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0).images().shape()).containsExactly(3, 3, 12, 16);
        assertThat(batches.get(0).masks().shape()).containsExactly(3, 1, 12, 16);
        assertThat(batches.get(0).ignores().shape()).containsExactly(3, 1, 12, 16);
        assertThat(batches.get(0).weights().shape()).containsExactly(3, 1, 12, 16);
        assertThat(batches.get(2).size()).isEqualTo(1);
        assertThat(batches.stream().flatMap(b -> b.ids().stream())).containsExactlyInAnyOrder(
                "img000", "img001", "img002", "img003", "img004", "img005", "img006");
        // Each batch slot holds the sample it claims.
        Batch b = batches.get(1);
        String id = b.ids().get(1);
        int idx = Integer.parseInt(id.substring(3));
        ArrayAssert.assertSameFloats("b.masks().slice(1).toArray()", b.masks().slice(1).toArray(), ds.get(idx).mask().toArray());
        ArrayAssert.assertSameFloats("b.images().slice(1).toArray()", b.images().slice(1).toArray(), ds.get(idx).image().toArray());
        float[] weights = ds.get(idx).ignore().copy().map(v -> 1f - v).toArray();
        assertThat(ds.get(idx).ignore().sum()).as("the tiny images have an ignore region").isPositive();
        ArrayAssert.assertSameFloats("weights = 1 - ignore", b.weights().slice(1).toArray(), weights);
        assertThat(drain(new DataLoader(ds, LoaderOptions.of(3).withDropLast(true)), 0)).hasSize(2);
    }

    /**
     * The order is drawn from Seeds.derive(seed, SHUFFLE, epoch): pinned here with the order of epochs 1
     * and 2 of the README's reproduce runs (35 training images, seed 42), which a resumed run must repeat.
     */
    @Test
    void orderIsTheSeedsShuffleStreamOfTheEpoch() {
        CtwDataset ds = new CtwDataset(dir, TinyCtw.write(dir, 35, 4, 4), DatasetOptions.defaults());
        DataLoader loader = new DataLoader(ds, LoaderOptions.of(5).withSeed(42));
        assertThat(loader.order(1)).containsExactly(5, 16, 0, 27, 32, 12, 29, 7, 4, 30, 14, 11, 9, 26, 6, 3, 1, 21, 13,
                10, 25, 18, 23, 19, 15, 20, 33, 24, 17, 8, 2, 34, 22, 31, 28);
        assertThat(loader.order(2)).containsExactly(1, 6, 19, 23, 12, 21, 15, 30, 10, 33, 2, 26, 22, 16, 32, 20, 34, 18,
                3, 25, 29, 24, 28, 11, 4, 7, 17, 5, 9, 0, 31, 13, 27, 14, 8);
    }

    /** Full batches come in the same tensors every step and every epoch; the last, smaller one is a view of them. */
    @Test
    void batchTensorsAreReusedAcrossStepsAndEpochs() {
        CtwDataset ds = new CtwDataset(dir, TinyCtw.write(dir, 7, 16, 12), DatasetOptions.defaults());
        for (int prefetch : new int[] {0, 2}) {
            BatchBuffers buffers = new BatchBuffers();
            DataLoader loader = new DataLoader(ds, LoaderOptions.of(3).withSeed(5).withPrefetch(prefetch, 2), buffers);
            List<Batch> expected = drain(new DataLoader(ds, LoaderOptions.of(3).withSeed(5).withPrefetch(0, 1)), 1);
            Set<Tensor> fullImages = Collections.newSetFromMap(new IdentityHashMap<>());
            Set<float[]> storage = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int epoch = 0; epoch < 3; epoch++) {
                try (DataLoader.Epoch e = loader.epoch(epoch)) {
                    for (int b = 0; e.hasNext(); b++) {
                        Batch batch = e.next();
                        storage.add(batch.images().data());
                        if (batch.size() == 3) {
                            fullImages.add(batch.images());
                        }
                        if (epoch == 1) {
                            ArrayAssert.assertSameFloats("prefetch " + prefetch + " batch " + b,
                                    batch.images().toArray(), expected.get(b).images().toArray());
                            ArrayAssert.assertSameFloats("prefetch " + prefetch + " batch " + b + " weights",
                                    batch.weights().toArray(), expected.get(b).weights().toArray());
                        }
                    }
                }
            }
            // 9 batches (6 full) over 3 epochs, in prefetch + 1 buffers; the last, smaller batch is a view of one.
            assertThat(storage).as("prefetch " + prefetch + ": image storage arrays over 3 epochs").hasSize(prefetch + 1);
            assertThat(fullImages).as("prefetch " + prefetch + ": full-batch image tensors over 3 epochs")
                    .hasSizeBetween(1, prefetch + 1);
            assertThat(buffers.created()).isEqualTo(prefetch + 1);
        }
    }

    /** Training and validation loaders that run one after the other share one set of buffers. */
    @Test
    void loadersIteratedInTurnShareTheirBuffers() {
        CtwDataset train = new CtwDataset(dir, TinyCtw.write(dir, 6, 8, 8), DatasetOptions.defaults());
        CtwDataset val = new CtwDataset(dir, TinyCtw.write(dir, 6, 8, 8).subList(4, 6), DatasetOptions.defaults());
        BatchBuffers shared = new BatchBuffers();
        DataLoader a = new DataLoader(train, LoaderOptions.of(2).withPrefetch(0, 1), shared);
        DataLoader b = new DataLoader(val, LoaderOptions.of(2).withShuffle(false).withPrefetch(0, 1), shared);
        Tensor first;
        try (DataLoader.Epoch e = a.epoch(0)) {
            first = e.next().images();
            e.forEachRemaining(x -> { });
        }
        try (DataLoader.Epoch e = b.epoch(0)) {
            assertThat(e.next().images()).isSameAs(first);
        }
        try (DataLoader.Epoch open = a.epoch(1); DataLoader.Epoch other = b.epoch(1)) {
            assertThat(other.next().images()).as("a second open epoch gets a buffer of its own").isNotSameAs(open.next().images());
        }
        assertThat(shared.created()).isEqualTo(2);
    }

    @Test
    void orderIsDeterministicPerSeedAndChangesPerEpoch() {
        CtwDataset ds = new CtwDataset(dir, TinyCtw.write(dir, 20, 8, 8), DatasetOptions.defaults());
        DataLoader a = new DataLoader(ds, LoaderOptions.of(4).withSeed(11));
        DataLoader b = new DataLoader(ds, LoaderOptions.of(4).withSeed(11).withPrefetch(3, 2));
        assertThat(a.order(0)).containsExactly(b.order(0));
        assertThat(a.order(0)).isNotEqualTo(a.order(1));
        assertThat(a.order(0)).isNotEqualTo(new DataLoader(ds, LoaderOptions.of(4).withSeed(12)).order(0));
        assertThat(new DataLoader(ds, LoaderOptions.of(4).withShuffle(false)).order(3)).isSorted();
        // Background preparation on 2 threads gives exactly the synchronous batches, in the same order.
        List<Batch> sync = drain(new DataLoader(ds, LoaderOptions.of(4).withSeed(11).withPrefetch(0, 1)), 2);
        List<Batch> async = drain(b, 2);
        assertThat(async).hasSameSizeAs(sync);
        for (int i = 0; i < sync.size(); i++) {
            assertThat(async.get(i).ids()).isEqualTo(sync.get(i).ids());
            ArrayAssert.assertSameFloats("async.get(i).images().toArray()", async.get(i).images().toArray(), sync.get(i).images().toArray());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against hanging, not a speed test
    void failureInThePrefetchThreadReachesTheCaller() throws Exception {
        List<CtwImage> imgs = TinyCtw.write(dir, 9, 8, 8);
        Files.write(dir.resolve("img005.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        DataLoader loader = new DataLoader(new CtwDataset(dir, imgs, DatasetOptions.defaults()),
                LoaderOptions.of(2).withShuffle(false).withPrefetch(2, 2));
        try (DataLoader.Epoch e = loader.epoch(0)) {
            assertThat(e.next().ids()).containsExactly("img000", "img001");
            assertThat(e.next().ids()).containsExactly("img002", "img003");
            assertThatThrownBy(e::next).isInstanceOf(DataLoadException.class)
                    .hasMessageContaining("batch 2 of epoch 0")
                    .hasMessageContaining("img005")
                    .hasMessageContaining("img005.png");
            assertThat(e.hasNext()).isFalse();
        }
    }

    @Test
    void mixedSizesWithoutATargetSizeAreRefusedClearly() throws Exception {
        List<CtwImage> imgs = new ArrayList<>(TinyCtw.write(dir, 1, 8, 8));
        // img001 at 10 x 6, in a folder of its own so that img000 stays 8 x 8
        imgs.add(TinyCtw.write(Files.createDirectories(dir.resolve("other")), 2, 10, 6).get(1));
        DataLoader loader = new DataLoader(new CtwDataset(dir, imgs, DatasetOptions.defaults()),
                LoaderOptions.of(2).withShuffle(false).withPrefetch(0, 1));
        assertThatThrownBy(() -> loader.epoch(0).next()).isInstanceOf(DataLoadException.class)
                .hasMessage("samples img000 (8x8) and img001 (10x6) differ in size: set a target size in DatasetOptions "
                        + "to batch them");
    }
}
