package org.hanzinet.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.testing.ArrayAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DataLoaderTest {
    @TempDir
    Path dir;

    List<Batch> drain(DataLoader loader, int epoch) {
        List<Batch> out = new ArrayList<>();
        try (DataLoader.Epoch e = loader.epoch(epoch)) {
            e.forEachRemaining(out::add);
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
        assertThat(batches.get(2).size()).isEqualTo(1);
        assertThat(batches.stream().flatMap(b -> b.ids().stream())).containsExactlyInAnyOrder(
                "img000", "img001", "img002", "img003", "img004", "img005", "img006");
        // Each batch slot holds the sample it claims.
        Batch b = batches.get(1);
        String id = b.ids().get(1);
        int idx = Integer.parseInt(id.substring(3));
        ArrayAssert.assertSameFloats("b.masks().slice(1).toArray()", b.masks().slice(1).toArray(), ds.get(idx).mask().toArray());
        ArrayAssert.assertSameFloats("b.images().slice(1).toArray()", b.images().slice(1).toArray(), ds.get(idx).image().toArray());
        assertThat(drain(new DataLoader(ds, LoaderOptions.of(3).withDropLast(true)), 0)).hasSize(2);
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
